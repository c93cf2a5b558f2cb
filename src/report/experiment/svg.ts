// Small inline-SVG chart builders for report.html: no scripts, no network, readable anywhere.

export const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"];
export const color = (i: number): string => PALETTE[i % PALETTE.length];
/** Baselines are grey in every chart, never a model's colour. */
export const BASELINE_COLOR = "#a0a0a0";

/** About how wide 11 px text is (6.3 px a character): enough to lay labels out without a browser. */
const textWidth = (s: string, px = 11): number => s.length * px * 0.58;

export interface BarSeries {
  name: string;
  /** One value per group; NaN draws nothing. */
  values: number[];
  cis?: Array<[number, number]>;
  /** Fixed colour of the thing the series stands for (a model), the same in every chart. */
  color?: string;
}

export interface BarChartOptions {
  id: string;
  title: string;
  groups: string[];
  series: BarSeries[];
  min: number;
  max: number;
}

/** Grouped vertical bars with optional CI whiskers and a zero line. */
export function barChart(o: BarChartOptions): string {
  const W = 720, H = 310, left = 48, right = 12, top = 28, bottom = 80;
  const plotW = W - left - right, plotH = H - top - bottom;
  const y = (v: number) => top + plotH - ((Math.max(o.min, Math.min(o.max, v)) - o.min) / (o.max - o.min)) * plotH;
  const groupW = plotW / Math.max(1, o.groups.length);
  const barW = Math.min(40, (groupW * 0.8) / Math.max(1, o.series.length));
  const parts: string[] = [];
  const step = [0.05, 0.1, 0.2, 0.25, 0.5, 1].find((st) => (o.max - o.min) / st <= 6) ?? 1;
  for (let v = Math.ceil(o.min / step - 1e-9) * step; v <= o.max + 1e-9; v += step) {
    parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end" font-size="11">${v.toFixed(2)}</text>`);
  }
  if (o.min < 0 && o.max > 0) parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(0)}" y2="${y(0)}" stroke="#555"/>`);
  o.groups.forEach((g, gi) => {
    const gx = left + gi * groupW + (groupW - barW * o.series.length) / 2;
    o.series.forEach((s, si) => {
      const v = s.values[gi];
      if (v === undefined || Number.isNaN(v)) return;
      const x = gx + si * barW;
      const base = y(Math.max(o.min, Math.min(0, o.max)));
      const top_ = y(v);
      parts.push(`<rect class="bar" x="${x + 1}" y="${Math.min(base, top_)}" width="${barW - 2}" height="${Math.max(1, Math.abs(base - top_))}" fill="${s.color ?? color(si)}"><title>${esc(s.name)} · ${esc(g)}: ${v.toFixed(3)}</title></rect>`);
      const ci = s.cis?.[gi];
      if (ci && !Number.isNaN(ci[0])) {
        const cx = x + barW / 2;
        parts.push(`<path class="ci" d="M${cx} ${y(ci[0])}V${y(ci[1])}M${cx - 4} ${y(ci[0])}h8M${cx - 4} ${y(ci[1])}h8" stroke="#222" fill="none"/>`);
      }
    });
    parts.push(`<text x="${left + gi * groupW + groupW / 2}" y="${top + plotH + 16}" text-anchor="middle" font-size="12">${esc(g)}</text>`);
  });
  // Legend items laid out by their text width (about 6.5 px a character at 11 px), wrapping to a second row.
  let lx = left;
  let ly = H - 34;
  const legend = o.series
    .map((s, i) => {
      const name = s.name;
      const width = 24 + textWidth(name);
      if (lx + width > W - right && lx > left) {
        lx = left;
        ly += 16;
      }
      const item = `<g transform="translate(${lx},${ly})"><rect width="12" height="12" fill="${s.color ?? color(i)}"/><text x="16" y="11" font-size="11">${esc(name)}</text></g>`;
      lx += width;
      return item;
    })
    .join("");
  return `<svg class="chart" data-chart="${esc(o.id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}"><text x="${left}" y="16" font-size="14" font-weight="bold">${esc(o.title)}</text>${parts.join("")}${legend}</svg>`;
}

/** A column or row label on two lines (model, then dataset), never shortened. */
export interface Label2 {
  line1: string;
  line2?: string;
}

export interface HeatmapOptions {
  id: string;
  title: string;
  rows: Array<{ label: string; hint?: string }>;
  columns: Label2[];
  /** values[row][column] in [0, 1]; NaN is blank. */
  values: number[][];
  /** Samples behind each value, printed in the cell. */
  counts: number[][];
}

/** Red (0) through yellow to green (1). */
const heat = (v: number): string => `hsl(${Math.round(v * 120)},65%,${Math.round(80 - v * 30)}%)`;

/** Cells coloured red → green by value, each with its value and its n; column labels rotated, in full. */
export function heatmap(o: HeatmapOptions): string {
  const cellW = 58, cellH = 32, left = 12 + Math.max(60, ...o.rows.map((r) => textWidth(r.label))), sin = Math.sin(Math.PI * 55 / 180), cos = Math.cos(Math.PI * 55 / 180);
  const longest = Math.max(...o.columns.map((c) => Math.max(textWidth(c.line1), textWidth(c.line2 ?? ""))));
  const top = 40 + longest * sin;
  const W = Math.ceil(Math.max(textWidth(o.title, 14) + 10, left + 175, left + o.columns.length * cellW + longest * cos + 20)), H = Math.ceil(top + o.rows.length * cellH + 30);
  const parts: string[] = [];
  o.columns.forEach((c, ci) => {
    const x = left + ci * cellW + cellW / 2 - 4;
    parts.push(`<text class="col" transform="translate(${x},${top - 8}) rotate(-55)" font-size="11"><tspan>${esc(c.line1)}</tspan>${c.line2 ? `<tspan x="12" dy="12" fill="#555">${esc(c.line2)}</tspan>` : ""}</text>`);
  });
  o.rows.forEach((r, ri) => {
    const yy = top + ri * cellH;
    parts.push(`<text x="${left - 6}" y="${yy + 19}" text-anchor="end" font-size="11">${esc(r.label)}${r.hint ? `<title>${esc(r.hint)}</title>` : ""}</text>`);
    o.columns.forEach((c, ci) => {
      const v = o.values[ri][ci], n = o.counts[ri][ci];
      const x = left + ci * cellW;
      const name = `${r.label} · ${c.line1}${c.line2 ? ` · ${c.line2}` : ""}`;
      const fill = Number.isNaN(v) ? "#f4f4f4" : heat(v);
      parts.push(`<rect class="cell" x="${x}" y="${yy}" width="${cellW - 2}" height="${cellH - 2}" fill="${fill}"><title>${esc(name)}: ${Number.isNaN(v) ? "n/a" : `F1 ${v.toFixed(2)}, n ${n}`}</title></rect>`);
      if (!Number.isNaN(v))
        parts.push(`<text class="v" x="${x + cellW / 2 - 1}" y="${yy + 13}" text-anchor="middle" font-size="11">${v.toFixed(2)}</text><text class="n" x="${x + cellW / 2 - 1}" y="${yy + 25}" text-anchor="middle" font-size="9" fill="#333">n=${n}</text>`);
    });
  });
  // The colour scale, under the grid.
  const ly = top + o.rows.length * cellH + 8;
  parts.push(`<text x="${left - 6}" y="${ly + 11}" text-anchor="end" font-size="11">F1</text>`);
  [0, 0.25, 0.5, 0.75, 1].forEach((v, i) => parts.push(`<rect x="${left + i * 34}" y="${ly}" width="32" height="14" fill="${heat(v)}"/><text x="${left + i * 34 + 16}" y="${ly + 11}" text-anchor="middle" font-size="10">${v}</text>`));
  return `<svg class="chart" data-chart="${esc(o.id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}"><text x="4" y="16" font-size="14" font-weight="bold">${esc(o.title)}</text>${parts.join("")}</svg>`;
}

export interface BoxRow {
  label: Label2;
  values: number[];
  color: string;
}

/** "0.1 ms", "1 ms", "1 s", "10 s": a log axis tick in the unit a reader expects. */
export const msLabel = (v: number): string => (v >= 1000 ? `${+(v / 1000).toPrecision(3)} s` : `${+v.toPrecision(3)} ms`);

/**
 * Horizontal box plots (p5–p95 whiskers, quartile box, median, its value beside it) on a log-10 axis whose
 * decades span the data: sub-millisecond and multi-second rows share one readable axis.
 */
export function boxPlot(id: string, title: string, rows: BoxRow[]): string {
  const W = 1000, rowH = 34, top = 30, right = 70;
  const left = 16 + Math.max(80, ...rows.map((r) => Math.max(textWidth(r.label.line1), textWidth(r.label.line2 ?? ""))));
  const H = top + rows.length * rowH + 34;
  const all = rows.flatMap((r) => r.values).filter((v) => v > 0 && Number.isFinite(v));
  const lo = Math.floor(Math.log10(all.length ? Math.min(...all) : 1));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(all.length ? Math.max(...all) : 10)));
  const x = (v: number) => left + ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * (W - left - right);
  const q = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))];
  const parts: string[] = [];
  for (let e = lo; e <= hi; e++) {
    const v = 10 ** e;
    parts.push(`<line x1="${x(v)}" x2="${x(v)}" y1="${top}" y2="${H - 28}" stroke="#ddd"/><text class="tick" data-ms="${v}" x="${x(v)}" y="${H - 12}" text-anchor="middle" font-size="11">${msLabel(v)}</text>`);
  }
  rows.forEach((r, i) => {
    const s = r.values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
    const yy = top + i * rowH + rowH / 2;
    parts.push(`<text x="${left - 8}" y="${r.label.line2 ? yy - 2 : yy + 4}" text-anchor="end" font-size="11">${esc(r.label.line1)}</text>`);
    if (r.label.line2) parts.push(`<text x="${left - 8}" y="${yy + 11}" text-anchor="end" font-size="11" fill="#555">${esc(r.label.line2)}</text>`);
    if (!s.length) return;
    const [p5, p25, p50, p75, p95] = [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => q(s, p));
    const name = `${r.label.line1}${r.label.line2 ? ` · ${r.label.line2}` : ""}`;
    parts.push(
      `<g class="box" data-p50="${p50}"><line x1="${x(p5)}" x2="${x(p95)}" y1="${yy}" y2="${yy}" stroke="#333"/><rect x="${x(p25)}" y="${yy - 8}" width="${Math.max(2, x(p75) - x(p25))}" height="16" fill="${r.color}" opacity="0.85"><title>${esc(name)}: p50 ${msLabel(p50)}, n ${s.length}</title></rect><line x1="${x(p50)}" x2="${x(p50)}" y1="${yy - 9}" y2="${yy + 9}" stroke="#000" stroke-width="2"/><text x="${x(p95) + 6}" y="${yy + 4}" font-size="10" fill="#333">${msLabel(p50)}</text></g>`,
    );
  });
  return `<svg class="chart" data-chart="${esc(id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}"><text x="4" y="16" font-size="14" font-weight="bold">${esc(title)}</text>${parts.join("")}</svg>`;
}
