// What a reader sees in report.html, checked in real headless Chromium on a report with sub-millisecond and
// multi-second models, long model names and CWE families (test/report/demoReport.ts).
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { writeReports } from "../../src/cli/commands/experiment.js";
import { CHROMIUM, launchChromium } from "../helpers/chromium.js";
import { demoReport } from "./demoReport.js";

const LONG = "qwen2.5-coder-7b-instruct-cwe-lora-q4_k_m";

describe.skipIf(!CHROMIUM)("report.html as a reader sees it", () => {
  const dir = mkdtempSync(join(tmpdir(), "cwescope-readable-"));
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    await writeReports(dir, demoReport);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`file://${join(dir, "report.html")}`);
  });
  afterAll(async () => browser?.close());

  // Runs in the page; this project compiles without DOM types.
  const inPage = <T>(fn: () => T): Promise<T> => page.evaluate(fn);

  it("fits the page: no horizontal scrolling, the manifest tables inside the body", async () => {
    const m = await inPage(() => {
      const doc = (globalThis as any).document;
      const body = doc.body.getBoundingClientRect();
      return { scroll: doc.documentElement.scrollWidth, view: (globalThis as any).innerWidth, body: body.right, tables: Array.from(doc.querySelectorAll("table.manifest")).map((t: any) => t.getBoundingClientRect().right) as number[] };
    });
    expect(m.scroll).toBeLessThanOrEqual(m.view);
    expect(m.tables).toHaveLength(2);
    for (const right of m.tables) expect(right).toBeLessThanOrEqual(m.body + 0.5);
  });

  it("draws the latency axis with decade ticks around both the 0.3 ms and the 10 s rows", async () => {
    const l = await inPage(() => {
      const svg = (globalThis as any).document.querySelector('svg[data-chart="latency"]');
      const center = (e: any) => { const b = e.getBoundingClientRect(); return b.x + b.width / 2; };
      return {
        ticks: Array.from(svg.querySelectorAll("text")).filter((t: any) => / m?s$/.test(t.textContent) && t.getAttribute("text-anchor") === "middle").map((t: any) => ({ x: center(t), text: t.textContent as string })),
        medians: Array.from(svg.querySelectorAll("g.box")).map((g: any) => ({ p50: Number(g.getAttribute("data-p50")), x: center(g.querySelector("line[stroke-width]")) })) as Array<{ p50: number; x: number }>,
      };
    });
    // The axis as read: "0.1 ms", "1 s"…
    const ticks = l.ticks.map((t) => ({ ...t, ms: Number(t.text.split(" ")[0]) * (t.text.endsWith(" s") ? 1000 : 1) }));
    const samples = demoReport.results.flatMap((r) => r.latency_samples_ms);
    const ms = ticks.map((t) => t.ms);
    expect(Math.min(...ms)).toBeLessThanOrEqual(Math.min(...samples));
    expect(Math.min(...ms)).toBeGreaterThan(Math.min(...samples) / 10);
    expect(Math.max(...ms)).toBeGreaterThanOrEqual(Math.max(...samples));
    expect(Math.max(...ms)).toBeLessThan(Math.max(...samples) * 10);
    expect(l.ticks.map((t) => t.text)).toEqual(expect.arrayContaining(["0.1 ms", "1 ms", "1 s", "10 s"]));
    // Each median is drawn between the ticks that bound its value.
    expect(l.medians).toHaveLength(6);
    for (const { p50, x } of l.medians) {
      const below = ticks.filter((t) => t.ms <= p50).at(-1)!, above = ticks.find((t) => t.ms >= p50)!;
      expect(x).toBeGreaterThanOrEqual(below.x - 1);
      expect(x).toBeLessThanOrEqual(above.x + 1);
    }
  });

  it("shows n in every heat-map cell, per CWE and per family", async () => {
    const cells = await inPage(() =>
      Array.from((globalThis as any).document.querySelectorAll('svg[data-chart^="per-"] text.n')).map((t: any) => `${t.closest("svg").getAttribute("data-chart")} ${t.textContent}`) as string[],
    );
    expect(cells.filter((c) => c.startsWith("per-cwe "))).toHaveLength(9 * 6);
    expect(cells.filter((c) => c.startsWith("per-family "))).toHaveLength(6 * 6);
    expect(cells).toContain("per-cwe n=12"); // CWE-78
    expect(cells).toContain("per-family n=18"); // CWE-77 with CWE-78
    const rows = await inPage(() => Array.from((globalThis as any).document.querySelectorAll('svg[data-chart="per-family"] text[text-anchor="end"]')).map((t: any) => t.firstChild.textContent) as string[]);
    expect(rows).toContain("CWE-77 (77, 78)");
  });

  it("keeps long model names and their dataset whole, on screen", async () => {
    const labels = await inPage(() => {
      const out: Array<{ chart: string; text: string; inside: boolean }> = [];
      for (const svg of Array.from((globalThis as any).document.querySelectorAll("svg.chart")) as any[]) {
        const box = svg.getBoundingClientRect();
        for (const t of Array.from(svg.querySelectorAll("text, tspan")) as any[]) {
          const b = t.getBoundingClientRect();
          out.push({ chart: svg.getAttribute("data-chart"), text: t.textContent, inside: b.left >= box.left - 1 && b.right <= box.right + 1 && b.top >= box.top - 1 });
        }
      }
      return out;
    });
    expect(labels.filter((l) => l.text.includes("…"))).toEqual([]);
    for (const chart of ["per-cwe", "per-family", "latency"]) {
      const mine = labels.filter((l) => l.chart === chart);
      expect(mine.filter((l) => l.text === LONG).length, chart).toBeGreaterThanOrEqual(2);
      expect(mine.filter((l) => l.text === "javascript-test").length, chart).toBe(3);
      expect(mine.filter((l) => !l.inside), chart).toEqual([]);
    }
  });

  it("gives each model one colour in every chart, and the baseline its own grey", async () => {
    const fills = await inPage(() => {
      const doc = (globalThis as any).document;
      const out: Record<string, string[]> = {};
      for (const r of Array.from(doc.querySelectorAll("rect.bar, g.box rect")) as any[]) {
        const name = (r.querySelector("title")?.textContent ?? "").split(/ · |:/)[0];
        (out[name] ??= []).push(r.getAttribute("fill"));
      }
      return out;
    });
    const colours = Object.fromEntries(Object.entries(fills).map(([name, f]) => [name, [...new Set(f)]]));
    for (const name of ["embedded", LONG, "always-vulnerable"]) expect(colours[name], name).toHaveLength(1);
    expect(new Set(Object.values(colours).map((c) => c[0])).size).toBe(Object.keys(colours).length);
    // f1 + mcc + gap + latency: a model appears in all four.
    expect(fills.embedded).toHaveLength(2 + 2 + 2 + 2);
  });

  it("report.md gives the family F1 its own n", () => {
    const md = readFileSync(join(dir, "report.md"), "utf8");
    expect(md).toMatch(/\| CWE-78 \| [\d.]+ \/ [\d.]+ \(n=12 \/ 18\) \|/);
    expect(md).toMatch(/## Per-family F1[\s\S]*\| CWE-77 \| CWE-77, CWE-78 \| [\d.]+ \(n=18\) \|/);
  });
});
