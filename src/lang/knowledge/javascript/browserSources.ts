// Browser inputs and navigation beyond location and cookies: the window's name (any page can set it before
// navigating here), data dragged or pasted in, Web Storage read back, js-cookie, and the client-side routers
// (history, Next.js) whose query is the URL and whose push/replace navigate. Script loaders (Worker,
// importScripts) and the electron shell, which hands a URL to the operating system.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const browserSources: KnowledgeFamily = {
  family: "browserSources",
  sources: [
    { pattern: "window.name", concept: "dom", member: true },
    { pattern: "self.name", concept: "dom", member: true },
    // DataTransfer.getData / ClipboardEvent.clipboardData.getData (MDN): what the user drops or pastes.
    { pattern: "**.dataTransfer.getData", concept: "dom" },
    { pattern: "**.clipboardData.getData", concept: "dom" },
    // Web Storage: whatever a script (or an earlier injection) stored there.
    { pattern: "localStorage.getItem", concept: "stored" },
    { pattern: "sessionStorage.getItem", concept: "stored" },
    { pattern: "window.localStorage.getItem", concept: "stored" },
    { pattern: "window.sessionStorage.getItem", concept: "stored" },
    // js-cookie (`Cookies.get(name)`) reads document.cookie.
    { pattern: "Cookies.get", concept: "dom" },
    { pattern: "Cookie.get", concept: "dom" },
    // history (createBrowserHistory) and Next.js's useRouter(): the current URL.
    { pattern: "history.location", concept: "dom", member: true },
    { pattern: "router.query", concept: "request", member: true },
    { pattern: "router.asPath", concept: "request", member: true },
    { pattern: "next/router.query", concept: "request", member: true },
    { pattern: "next/router.asPath", concept: "request", member: true },
  ],
  // `const router = useRouter()`, `const h = createBrowserHistory()`: the name is that router, whatever it is called.
  moduleFactories: [
    { callee: "next/router.useRouter", module: "next/router" },
    { callee: "useRouter", module: "next/router" },
    ...["createBrowserHistory", "createHashHistory", "createMemoryHistory"].flatMap((f) => [
      { callee: f, module: "history" },
      { callee: `history.${f}`, module: "history" },
    ]),
  ],
  sinks: [
    // history.push/replace and Next.js router.push/replace navigate to the path given (a javascript: URL runs).
    ...["history", "router", "next/router"]
      .flatMap((r) => [`${r}.push`, `${r}.replace`])
      .map((c) => ({ callee: c, concept: "redirect" as const, args: [0] })),
    // Scripts loaded from a URL: a worker's script and importScripts inside one.
    { callee: "Worker", concept: "dynamic-import", args: [0] },
    { callee: "SharedWorker", concept: "dynamic-import", args: [0] },
    { callee: "importScripts", concept: "dynamic-import" },
    { callee: "self.importScripts", concept: "dynamic-import" },
    // jsdom runs the markup's scripts when asked to (`runScripts: "dangerously"`).
    { callee: "JSDOM", concept: "html-output", args: [0], when: { keyword: "runScripts", value: /dangerously/ } },
    { callee: "jsdom.JSDOM", concept: "html-output", args: [0], when: { keyword: "runScripts", value: /dangerously/ } },
    // electron's shell.openExternal opens the URL with the system handler (file:, smb: and custom schemes run programs).
    { callee: "electron.shell.openExternal", concept: "shell", args: [0] },
    { callee: "shell.openExternal", concept: "shell", args: [0] },
  ],
};
