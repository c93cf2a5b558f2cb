// Open a local HTML file in Debian's headless Chromium (playwright-core drives it; nothing is downloaded).
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error("chromium is not installed (apt-get install chromium); .ci/run installs it");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface PageCheck {
  consoleErrors: string[];
  failedRequests: string[];
  /** Count of drawn marks (bars, cells, boxes) per chart id. */
  marks: Record<string, number>;
  /** Rendered size of each chart. */
  sizes: Record<string, { width: number; height: number }>;
}

export async function checkPage(browser: Browser, file: string): Promise<PageCheck> {
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  page.on("request", (r) => !r.url().startsWith("file:") && !r.url().startsWith("data:") && failedRequests.push(r.url()));
  await page.goto(`file://${file}`);
  const result = await page.evaluate(() => {
    const marks: Record<string, number> = {};
    const sizes: Record<string, { width: number; height: number }> = {};
    // Runs in the page; this project compiles without DOM types.
    const doc = (globalThis as any).document;
    for (const svg of Array.from(doc.querySelectorAll("svg.chart")) as any[]) {
      const id = svg.getAttribute("data-chart") ?? "?";
      marks[id] = svg.querySelectorAll("rect.bar, rect.cell, g.box").length;
      const box = svg.getBoundingClientRect();
      sizes[id] = { width: box.width, height: box.height };
    }
    return { marks, sizes };
  });
  await page.close();
  return { consoleErrors, failedRequests, ...result };
}
