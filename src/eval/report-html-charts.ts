import type { TagBreakdown } from "./report.js";
import type { RateMetric } from "./summarize.js";

/** Markup that is already safe to insert; anything else passed to `html` is escaped. */
export class SafeHtml {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | Interpolation[];

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character] ?? character);
}

function interpolate(value: Interpolation): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.text;
  if (Array.isArray(value)) return value.map(interpolate).join("");
  return escapeHtml(String(value));
}

/**
 * Escapes every interpolated value unless it is `SafeHtml`, so report text cannot inject markup.
 * @example html`<td>${result.question}</td>` // "<td>a &lt; b</td>"
 */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let text = strings[0] ?? "";
  values.forEach((value, index) => (text += interpolate(value) + (strings[index + 1] ?? "")));
  return new SafeHtml(text);
}

export interface BarSeries {
  name: string;
  color: string;
  values: Array<number | undefined>;
}

export interface BarChartOptions {
  id: string;
  title: string;
  description: string;
  categories: string[];
  series: BarSeries[];
  yMax: number;
  yStep: number;
  formatValue: (value: number) => string;
  xLabel: string;
  yLabel: string;
  /** Overrides a bar's series colour, e.g. to paint the "miss" bin red. */
  barColor?: (seriesIndex: number, categoryIndex: number) => string | undefined;
  /** Dashed vertical lines; `position` is measured in category widths from the plot's left edge. */
  markers?: Array<{ position: number; label: string }>;
}

const WIDTH = 560;
const MARGIN = { left: 52, right: 16, top: 34 };
const short = (label: string, max: number) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

/** A grouped bar chart as inline SVG (a histogram is the one-series case). */
export function barChart(options: BarChartOptions): SafeHtml {
  const { categories, series } = options;
  const band = (WIDTH - MARGIN.left - MARGIN.right) / Math.max(1, categories.length);
  const rotate = categories.some((label) => short(label, 18).length * 6.5 > band - 4);
  const bottom = rotate ? 96 : 52;
  const height = 300 + (rotate ? 44 : 0);
  const plotHeight = height - MARGIN.top - bottom;
  const y = (value: number) => MARGIN.top + plotHeight - (Math.min(value, options.yMax) / options.yMax) * plotHeight;
  const baseline = MARGIN.top + plotHeight;
  const barWidth = (band * 0.8) / Math.max(1, series.length);
  const ticks: number[] = [];
  for (let tick = 0; tick <= options.yMax + 1e-9; tick += options.yStep) ticks.push(tick);
  const grid = ticks.map(
    (tick) => html`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" class="grid"/><text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end">${options.formatValue(tick)}</text>`,
  );
  const bars = categories.map((category, categoryIndex) =>
    series.map((entry, seriesIndex) => {
      const value = entry.values[categoryIndex];
      if (value === undefined) return "";
      const x = MARGIN.left + categoryIndex * band + band * 0.1 + seriesIndex * barWidth;
      const color = options.barColor?.(seriesIndex, categoryIndex) ?? entry.color;
      const label = barWidth >= 26 ? html`<text x="${x + barWidth / 2}" y="${y(value) - 4}" text-anchor="middle" class="value">${options.formatValue(value)}</text>` : "";
      return html`<rect x="${x + 1}" y="${y(value)}" width="${Math.max(1, barWidth - 2)}" height="${baseline - y(value)}" fill="${color}"><title>${category} · ${entry.name}: ${options.formatValue(value)}</title></rect>${label}`;
    }),
  );
  const labels = categories.map((category, index) => {
    const x = MARGIN.left + (index + 0.5) * band;
    const transform = rotate ? `rotate(-35 ${x} ${baseline + 14})` : undefined;
    return html`<text x="${x}" y="${baseline + 14}" text-anchor="${rotate ? "end" : "middle"}" ${transform ? html`transform="${transform}"` : ""}>${short(category, 18)}</text>`;
  });
  const markers = (options.markers ?? []).map(({ position, label }) => {
    const x = MARGIN.left + position * band;
    return html`<line x1="${x}" x2="${x}" y1="${MARGIN.top}" y2="${baseline}" class="marker"/><text x="${x + 3}" y="${MARGIN.top + 10}" class="marker-label">${label}</text>`;
  });
  let legendX = MARGIN.left;
  const legend = series.length < 2 ? [] : series.map((entry) => {
    const item = html`<rect x="${legendX}" y="8" width="12" height="12" fill="${entry.color}"/><text x="${legendX + 16}" y="18">${entry.name}</text>`;
    legendX += entry.name.length * 7 + 34;
    return item;
  });
  const empty = categories.length === 0 ? html`<text x="${WIDTH / 2}" y="${MARGIN.top + plotHeight / 2}" text-anchor="middle">No data</text>` : "";
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${options.id}-title">${options.title}</title><desc id="${options.id}-desc">${options.description}</desc>
${legend}${grid}${bars}${markers}<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${baseline}" y2="${baseline}" class="axis"/>${labels}${empty}
<text x="14" y="${MARGIN.top + plotHeight / 2}" transform="rotate(-90 14 ${MARGIN.top + plotHeight / 2})" text-anchor="middle" class="axis-title">${options.yLabel}</text>
<text x="${MARGIN.left + (WIDTH - MARGIN.left - MARGIN.right) / 2}" y="${height - 6}" text-anchor="middle" class="axis-title">${options.xLabel}</text>
</svg>`;
}

/** The 1-2-5 step nearest above `raw`, for axis ticks and histogram bins. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;
const countAxis = (max: number) => {
  const yStep = Math.max(1, niceStep(max / 4));
  return { yStep, yMax: Math.max(yStep, Math.ceil(max / yStep) * yStep) };
};

const TAG_SERIES: Array<{ metric: RateMetric; color: string }> = [
  { metric: "hit@5", color: "#2563eb" },
  { metric: "factRecall", color: "#059669" },
  { metric: "passRate", color: "#7c3aed" },
  { metric: "refusalRecall", color: "#d97706" },
];

/** Per-tag grouped bars; a metric no tag has (e.g. refusalRecall without unanswerable cases) is left out. */
export function tagChart(byTag: Record<string, TagBreakdown>): SafeHtml {
  const tags = Object.keys(byTag);
  const series = TAG_SERIES.map(({ metric, color }) => ({ name: metric, color, values: tags.map((tag) => byTag[tag]?.summary[metric]) }))
    .filter((entry) => entry.values.some((value) => value !== undefined));
  return barChart({
    id: "chart-tags", title: "Metrics by tag", description: `hit@5, factRecall, passRate and refusalRecall for ${tags.length} tags: ${tags.join(", ")}`,
    categories: tags.map((tag) => `${tag} (${byTag[tag]?.n ?? 0})`), series, yMax: 1, yStep: 0.25, formatValue: percent, xLabel: "tag (cases)", yLabel: "rate",
  });
}

/** Histogram of the rank of the first gold chunk, with misses last and in red. */
export function firstHitChart(firstHitRanks: Record<string, number>): SafeHtml {
  const keys = Object.keys(firstHitRanks).filter((key) => key !== "miss").sort((a, b) => Number(a) - Number(b));
  if ("miss" in firstHitRanks) keys.push("miss");
  const values = keys.map((key) => firstHitRanks[key] ?? 0);
  return barChart({
    id: "chart-first-hit", title: "Rank of the first gold chunk", description: keys.map((key, index) => `${key}: ${values[index]}`).join(", "),
    categories: keys, series: [{ name: "cases", color: "#2563eb", values }], ...countAxis(Math.max(0, ...values)), formatValue: String,
    xLabel: "rank of first gold hit", yLabel: "answerable cases", barColor: (_series, index) => (keys[index] === "miss" ? "#dc2626" : undefined),
  });
}

const tidy = (value: number) => String(Number(value.toPrecision(6)));

/** Histogram of total latency with 1-2-5 bin widths and dashed p50/p95 lines. */
export function latencyChart(totalMs: number[], p50: number, p95: number): SafeHtml {
  const min = Math.min(...totalMs);
  const max = Math.max(...totalMs);
  const step = niceStep((max - min || max) / Math.min(20, Math.max(8, Math.ceil(Math.sqrt(totalMs.length)))));
  const start = totalMs.length ? Math.floor(min / step) * step : 0;
  const binCount = totalMs.length ? Math.floor((max - start) / step) + 1 : 0;
  const counts = Array.from({ length: binCount }, () => 0);
  for (const value of totalMs) counts[Math.min(binCount - 1, Math.floor((value - start) / step))]! += 1;
  const categories = counts.map((_count, index) => `${tidy(start + index * step)}–${tidy(start + (index + 1) * step)}`);
  return barChart({
    id: "chart-latency", title: "Total latency per case", description: `${totalMs.length} cases in bins of ${tidy(step)} ms; p50 ${p50} ms, p95 ${p95} ms`,
    categories, series: [{ name: "cases", color: "#0891b2", values: counts }], ...countAxis(Math.max(0, ...counts)), formatValue: String,
    xLabel: "total latency (ms)", yLabel: "cases",
    markers: totalMs.length ? [{ position: (p50 - start) / step, label: `p50 ${p50}` }, { position: (p95 - start) / step, label: `p95 ${p95}` }] : [],
  });
}
