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
    // jQuery: markup from a selector string, and the other insertion methods.
    { callee: "$", concept: "html-output", args: [0], whenArg: { index: 0, value: /^(?!["'`][#.\w[\]:="' -]*["'`]$)/ } },
    { callee: "jQuery", concept: "html-output", args: [0], whenArg: { index: 0, value: /^(?!["'`][#.\w[\]:="' -]*["'`]$)/ } },
    ...["prepend", "after", "before", "replaceWith", "wrap", "appendTo", "prependTo"].map((m) => ({ callee: `**.${m}`, concept: "html-output" as const, args: [0] })),
    // Angular's DomSanitizer bypasses: the value is trusted as markup, a URL or a script.
    ...["Html", "Url", "ResourceUrl", "Script", "Style"].map((k) => ({ callee: `**.bypassSecurityTrust${k}`, concept: "html-output" as const, args: [0] })),
    // XPath over a document built from input.
    { callee: "document.evaluate", concept: "xpath", args: [0] },
    // Predictable values used as secrets.
    { callee: "Math.random", concept: "weak-random", args: [], context: { near: /token|secret|passw|nonce|salt|otp|csrf|api_?key|apiKey|session_?id|sessionId|reset|verification|pin\b/i } },
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
    { property: "**.srcdoc", concept: "html-output" },
  ],
};
