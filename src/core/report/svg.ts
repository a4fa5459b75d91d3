// Inline SVG charts for the report: no script, no style attributes (a webview's Content-Security-Policy forbids
// inline styles), colours from CSS classes so the page's light, dark and VS Code theme colours apply.
import { escapeHtml } from './escape';

export interface Bar {
  label: string;
  value: number;
  /** A CSS class for the bar's colour (see html.ts). */
  tone?: string;
  /** Attributes for the label's link (already built). */
  href?: string;
  data?: Record<string, string>;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function attrs(data: Record<string, string> | undefined): string {
  if (!data) return '';
  return Object.entries(data)
    .map(([k, v]) => ` data-${k}="${escapeHtml(v)}"`)
    .join('');
}

/** Shortens a label to about `max` characters, at a word when it can. */
export function shorten(label: string, max: number): string {
  if (label.length <= max) return label;
  const cut = label.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** Horizontal bars, one per row, labelled on the left and valued on the right. */
export function barChart(title: string, bars: readonly Bar[], options: { width?: number; labelWidth?: number } = {}): string {
  const width = options.width ?? 640;
  const labelWidth = options.labelWidth ?? 220;
  const row = 22;
  const valueWidth = 56;
  const plot = width - labelWidth - valueWidth;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(row, bars.length * row) + 4;
  const parts: string[] = [];
  bars.forEach((b, i) => {
    const y = i * row + 2;
    const w = b.value > 0 ? Math.max(1, Math.round((b.value / max) * plot)) : 0;
    const label = escapeHtml(shorten(b.label, 34));
    const text = `<text class="chart-label" x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${label}</text>`;
    parts.push(b.href ? `<a href="${escapeHtml(b.href)}"${attrs(b.data)}><title>${escapeHtml(b.label)}</title>${text}</a>` : text);
    parts.push(`<rect class="bar ${b.tone ?? 'tone-a'}" x="${labelWidth}" y="${y + 3}" width="${w}" height="${row - 8}" rx="2"><title>${escapeHtml(b.label)}: ${fmt(b.value)}</title></rect>`);
    parts.push(`<text class="chart-value" x="${labelWidth + w + 6}" y="${y + 15}">${fmt(b.value)}</text>`);
  });
  return svg(title, width, height, parts.join(''));
}

/** Vertical bars over consecutive bins (a histogram), with the bins' labels below. */
export function histogram(title: string, bins: readonly number[], labels: readonly string[], options: { width?: number; height?: number } = {}): string {
  const width = options.width ?? 640;
  const height = options.height ?? 200;
  const bottom = 36;
  const top = 18;
  const plotH = height - bottom - top;
  const step = (width - 20) / Math.max(1, bins.length);
  const max = Math.max(1, ...bins);
  const parts: string[] = [`<line class="axis" x1="10" y1="${height - bottom}" x2="${width - 10}" y2="${height - bottom}"/>`];
  bins.forEach((n, i) => {
    const h = n > 0 ? Math.max(1, Math.round((n / max) * plotH)) : 0;
    const x = 10 + i * step;
    parts.push(`<rect class="bar tone-a" x="${(x + 2).toFixed(1)}" y="${height - bottom - h}" width="${(step - 4).toFixed(1)}" height="${h}"><title>${escapeHtml(labels[i] ?? '')}: ${n}</title></rect>`);
    parts.push(`<text class="chart-value" x="${(x + step / 2).toFixed(1)}" y="${height - bottom - h - 4}" text-anchor="middle">${n}</text>`);
    parts.push(`<text class="chart-label" x="${(x + step / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle">${escapeHtml(labels[i] ?? '')}</text>`);
  });
  return svg(title, width, height, parts.join(''));
}

export interface Share {
  label: string;
  value: number;
  tone: string;
}

/** One bar split into shares (attributed / anonymous / unattributed), with a legend below. */
export function shareBar(title: string, shares: readonly Share[], options: { width?: number } = {}): string {
  const width = options.width ?? 640;
  const total = shares.reduce((a, s) => a + s.value, 0);
  const barH = 26;
  const parts: string[] = [];
  let x = 0;
  if (total === 0) parts.push(`<rect class="bar tone-empty" x="0" y="0" width="${width}" height="${barH}" rx="3"/>`);
  for (const s of shares) {
    if (!total || !s.value) continue;
    const w = (s.value / total) * width;
    parts.push(`<rect class="bar ${s.tone}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${barH}"><title>${escapeHtml(s.label)}: ${s.value} (${percent(s.value, total)})</title></rect>`);
    x += w;
  }
  let lx = 0;
  for (const s of shares) {
    parts.push(`<rect class="bar ${s.tone}" x="${lx}" y="${barH + 10}" width="12" height="12" rx="2"/>`);
    const text = `${s.label} ${s.value} (${percent(s.value, total)})`;
    parts.push(`<text class="chart-label" x="${lx + 18}" y="${barH + 21}">${escapeHtml(text)}</text>`);
    lx += 30 + text.length * 7;
  }
  return svg(title, Math.max(width, lx), barH + 30, parts.join(''));
}

export function percent(n: number, total: number): string {
  return total ? `${Math.round((n / total) * 100)}%` : '–';
}

function svg(title: string, width: number, height: number, body: string): string {
  const t = escapeHtml(title);
  return `<svg class="chart" role="img" aria-label="${t}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${t}</title>${body}</svg>`;
}
