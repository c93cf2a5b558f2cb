// The browser DOM and jQuery: location, cookies, message data, markup writes, navigation.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const dom: KnowledgeFamily = {
  family: "dom",
  sources: [
    { pattern: "location.*", concept: "dom", member: true },
    { pattern: "window.location", concept: "dom", member: true },
    { pattern: "document.location", concept: "dom", member: true },
    { pattern: "document.cookie", concept: "dom", member: true },
    { pattern: "document.referrer", concept: "dom", member: true },
    { pattern: "**.event.data", concept: "dom", member: true },
    { pattern: "**.target.value", concept: "dom", member: true },
    { pattern: "prompt", concept: "stdin" },
  ],
  sinks: [
    { callee: "document.write", concept: "html-output" },
    { callee: "document.writeln", concept: "html-output" },
    { callee: "**.insertAdjacentHTML", concept: "html-output", args: [1] },
    { callee: "**.html", concept: "html-output", args: [0] },
    { callee: "**.append", concept: "html-output", args: [0] },
    { callee: "location.assign", concept: "redirect", args: [0] },
    { callee: "location.replace", concept: "redirect", args: [0] },
    { callee: "window.open", concept: "redirect", args: [0] },
  ],
  guards: [
    { callee: "DOMPurify.sanitize", concept: "escape" },
  ],
  sinkProperties: [
    { property: "**.innerHTML", concept: "html-output" },
    { property: "**.outerHTML", concept: "html-output" },
    { property: "dangerouslySetInnerHTML", concept: "html-output" },
    { property: "location.href", concept: "redirect" },
    { property: "window.location", concept: "redirect" },
    { property: "document.location", concept: "redirect" },
    { property: "location", concept: "redirect" },
    { property: "**.src", concept: "redirect" },
  ],
};
