// Server-side page loaders: puppeteer/playwright pages, the Chrome DevTools Protocol client
// (chrome-remote-interface) and jsdom's fromURL fetch the URL they are given — from the server's network.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const headlessBrowsers: KnowledgeFamily = {
  family: "headlessBrowsers",
  sinks: [
    // page.goto(url[, options]) (puppeteer, playwright); the page is whatever newPage() returned, so any receiver.
    { callee: "**.goto", concept: "http-request", args: [0] },
    // CDP Page.navigate({ url }).
    { callee: "**.Page.navigate", concept: "http-request", args: [], keywords: ["url"] },
    { callee: "Page.navigate", concept: "http-request", args: [], keywords: ["url"] },
    // JSDOM.fromURL(url[, options]).
    { callee: "JSDOM.fromURL", concept: "http-request", args: [0] },
    { callee: "jsdom.JSDOM.fromURL", concept: "http-request", args: [0] },
  ],
};
