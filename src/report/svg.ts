import { escapeHtml, pct } from './escape.js';

/** Inline SVG charts, drawn server-side with presentation attributes only (no style attributes, for the CSP). */

const W = 760;

/** Sequential colour for a share in [0, 1]: light to dark blue. */
export function shade(x: number): string {
  const t = Math.max(0, Math.min(1, x));
  const mix = (a: number, b: number): number => Math.round(a + (b - a) * t);
  return `rgb(${mix(240, 8)},${mix(246, 48)},${mix(252, 107)})`;
}

/** A rows × columns heatmap of shares; `values[r][c]` undefined draws an empty cell. */
export function heatmap(title: string, rows: readonly string[], cols: readonly string[], values: readonly (readonly (number | undefined)[])[]): string {
  const left = 170;
  const top = 34 + Math.min(120, Math.max(...cols.map((c) => c.length), 4) * 6);
  const cw = Math.max(40, Math.min(110, Math.floor((W - left - 10) / Math.max(cols.length, 1))));
  const ch = 22;
  const height = top + rows.length * ch + 10;
  const parts: string[] = [];
  cols.forEach((c, j) => {
    const x = left + j * cw + cw / 2;
    parts.push(`<text x="${x}" y="${top - 6}" transform="rotate(-35 ${x} ${top - 6})" font-size="11">${escapeHtml(trim(c, 24))}</text>`);
  });
  rows.forEach((r, i) => {
    const y = top + i * ch;
    parts.push(`<text x="${left - 6}" y="${y + 15}" text-anchor="end" font-size="11">${escapeHtml(trim(r, 26))}</text>`);
    cols.forEach((_, j) => {
      const v = values[i]?.[j];
      const x = left + j * cw;
      parts.push(`<rect x="${x}" y="${y}" width="${cw - 2}" height="${ch - 2}" fill="${v === undefined ? '#f3f3f3' : shade(v)}"/>`);
      if (v !== undefined) parts.push(`<text x="${x + cw / 2 - 1}" y="${y + 15}" text-anchor="middle" font-size="10" fill="${v > 0.55 ? '#fff' : '#222'}">${pct(v, 0)}</text>`);
    });
  });
  return svg(title, height, parts);
}

export interface IntervalRow {
  label: string;
  value: number;
  lo: number;
  hi: number;
}

/** Point estimates with 95% intervals on a shared axis from `min` to `max` (shares, or differences from −1 to 1). */
export function intervalChart(title: string, rows: readonly IntervalRow[], min = 0, max = 1): string {
  const left = 260;
  const right = W - 20;
  const top = 28;
  const rh = 20;
  const x = (v: number): number => left + ((Math.max(min, Math.min(max, v)) - min) / (max - min)) * (right - left);
  const height = top + rows.length * rh + 24;
  const parts: string[] = [];
  for (const t of ticks(min, max)) {
    parts.push(`<line x1="${x(t)}" y1="${top - 4}" x2="${x(t)}" y2="${height - 20}" stroke="${t === 0 ? '#888' : '#ddd'}"/>`);
    parts.push(`<text x="${x(t)}" y="${height - 6}" text-anchor="middle" font-size="10">${Math.round(t * 100)}</text>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rh + 8;
    parts.push(`<text x="${left - 8}" y="${y + 4}" text-anchor="end" font-size="11">${escapeHtml(trim(r.label, 40))}</text>`);
    parts.push(`<line x1="${x(r.lo)}" y1="${y}" x2="${x(r.hi)}" y2="${y}" stroke="#1f4e8c" stroke-width="2"/>`);
    parts.push(`<circle cx="${x(r.value)}" cy="${y}" r="4" fill="#1f4e8c"><title>${escapeHtml(`${r.label}: ${pct(r.value)} [${pct(r.lo)}, ${pct(r.hi)}]`)}</title></circle>`);
  });
  return svg(title, height, parts);
}

function ticks(min: number, max: number): number[] {
  const step = (max - min) / 4;
  return [0, 1, 2, 3, 4].map((i) => min + i * step);
}

function svg(title: string, height: number, parts: string[]): string {
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(title)}" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="inherit">${parts.join('')}</svg></figure>`;
}

const trim = (s: string, n: number): string => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);
