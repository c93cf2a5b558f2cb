// Small inline-SVG chart builders for report.html: no scripts, no network, readable anywhere.

export const esc = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
export const color = (i: number): string => PALETTE[i % PALETTE.length];

export interface BarSeries {
  name: string;
  /** One value per group; NaN draws nothing. */
  values: number[];
  cis?: Array<[number, number]>;
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
      parts.push(`<rect class="bar" x="${x + 1}" y="${Math.min(base, top_)}" width="${barW - 2}" height="${Math.max(1, Math.abs(base - top_))}" fill="${color(si)}"><title>${esc(s.name)} · ${esc(g)}: ${v.toFixed(3)}</title></rect>`);
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
      const name = s.name.length > 40 ? `${s.name.slice(0, 39)}…` : s.name;
      const width = 24 + name.length * 6.5;
      if (lx + width > W - right && lx > left) {
        lx = left;
        ly += 16;
      }
      const item = `<g transform="translate(${lx},${ly})"><rect width="12" height="12" fill="${color(i)}"/><text x="16" y="11" font-size="11">${esc(name)}</text></g>`;
      lx += width;
      return item;
    })
    .join("");
  return `<svg class="chart" data-chart="${esc(o.id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}"><text x="${left}" y="16" font-size="14" font-weight="bold">${esc(o.title)}</text>${parts.join("")}${legend}</svg>`;
}

export interface HeatmapOptions {
  id: string;
  title: string;
  rows: string[];
  columns: string[];
  /** values[row][column] in [0, 1]; NaN is blank. */
  values: number[][];
}

export function heatmap(o: HeatmapOptions): string {
  const cell = 44, left = 110, top = 215, h = 20;
  const W = left + o.columns.length * cell + 170, H = top + o.rows.length * h + 10;
  const parts: string[] = [];
  o.columns.forEach((c, ci) => {
    const x = left + ci * cell + cell / 2;
    parts.push(`<text transform="translate(${x},${top - 6}) rotate(-55)" font-size="11">${esc(c)}</text>`);
  });
  o.rows.forEach((r, ri) => {
    const yy = top + ri * h;
    parts.push(`<text x="${left - 6}" y="${yy + 14}" text-anchor="end" font-size="11">${esc(r)}</text>`);
    o.columns.forEach((_c, ci) => {
      const v = o.values[ri][ci];
      const fill = Number.isNaN(v) ? "#f4f4f4" : `hsl(${Math.round(v * 120)},65%,${Math.round(80 - v * 30)}%)`;
      parts.push(`<rect class="cell" x="${left + ci * cell}" y="${yy}" width="${cell - 2}" height="${h - 2}" fill="${fill}"><title>${esc(r)} · ${esc(o.columns[ci])}: ${Number.isNaN(v) ? "n/a" : v.toFixed(2)}</title></rect>`);
      if (!Number.isNaN(v)) parts.push(`<text x="${left + ci * cell + cell / 2 - 1}" y="${yy + 13}" text-anchor="middle" font-size="10">${v.toFixed(2)}</text>`);
    });
  });
  return `<svg class="chart" data-chart="${esc(o.id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}"><text x="4" y="16" font-size="14" font-weight="bold">${esc(o.title)}</text>${parts.join("")}</svg>`;
}

export interface BoxRow {
  name: string;
  values: number[];
}

/** Horizontal box plots (p5–p95 whiskers, quartile box, median) on a log-10 axis. */
export function boxPlot(id: string, title: string, rows: BoxRow[]): string {
  const W = 760, left = 240, right = 20, top = 30, rowH = 26;
  const H = top + rows.length * rowH + 30;
  const all = rows.flatMap((r) => r.values).filter((v) => v > 0);
  const lo = Math.log10(Math.max(1e-3, Math.min(...all, 1)));
  const hi = Math.log10(Math.max(...all, 10));
  const x = (v: number) => left + ((Math.log10(Math.max(v, 1e-3)) - lo) / (hi - lo || 1)) * (W - left - right);
  const q = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))];
  const parts: string[] = [];
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    const v = 10 ** e;
    if (v < 10 ** lo || v > 10 ** hi) continue;
    parts.push(`<line x1="${x(v)}" x2="${x(v)}" y1="${top}" y2="${H - 24}" stroke="#ddd"/><text x="${x(v)}" y="${H - 10}" text-anchor="middle" font-size="11">${v >= 1 ? v : v.toFixed(3)} ms</text>`);
  }
  rows.forEach((r, i) => {
    const s = r.values.slice().sort((a, b) => a - b);
    const yy = top + i * rowH + rowH / 2;
    parts.push(`<text x="${left - 8}" y="${yy + 4}" text-anchor="end" font-size="11">${esc(r.name)}</text>`);
    if (!s.length) return;
    const [p5, p25, p50, p75, p95] = [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => q(s, p));
    parts.push(
      `<g class="box"><line x1="${x(p5)}" x2="${x(p95)}" y1="${yy}" y2="${yy}" stroke="#333"/><rect x="${x(p25)}" y="${yy - 8}" width="${Math.max(2, x(p75) - x(p25))}" height="16" fill="${color(i)}" opacity="0.8"><title>${esc(r.name)}: p50 ${p50.toFixed(2)} ms</title></rect><line x1="${x(p50)}" x2="${x(p50)}" y1="${yy - 9}" y2="${yy + 9}" stroke="#000" stroke-width="2"/></g>`,
    );
  });
  return `<svg class="chart" data-chart="${esc(id)}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}"><text x="4" y="16" font-size="14" font-weight="bold">${esc(title)}</text>${parts.join("")}</svg>`;
}
