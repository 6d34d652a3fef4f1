/** Gabbard diagram as a standalone SVG: apogee (red) and perigee (blue) altitude vs orbital period, one point pair per object. */
import type { GabbardPoint } from '@skylane/core';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** SVG text of a Gabbard diagram (axes from the data's range, 5 ticks each); `parent` is drawn as a black cross. */
export function gabbardSvg(points: readonly GabbardPoint[], title: string, parent?: GabbardPoint): string {
  const W = 720, H = 480, L = 70, R = 20, T = 40, B = 50;
  const all = parent ? [...points, parent] : [...points];
  if (all.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><text x="20" y="30">${esc(title)}: no objects</text></svg>\n`;
  const xs = all.map((p) => p.periodMin);
  const ys = all.flatMap((p) => [p.apogeeAltitudeKm, p.perigeeAltitudeKm]);
  let x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  if (x1 - x0 < 1e-6) { x0 -= 1; x1 += 1; }
  if (y1 - y0 < 1e-6) { y0 -= 10; y1 += 10; }
  const px = (x: number): number => L + ((x - x0) / (x1 - x0)) * (W - L - R);
  const py = (y: number): number => H - B - ((y - y0) / (y1 - y0)) * (H - T - B);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(title)}</text>`,
    `<line x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}" stroke="black"/><line x1="${L}" y1="${T}" x2="${L}" y2="${H - B}" stroke="black"/>`,
    `<text x="${(L + W - R) / 2}" y="${H - 12}" text-anchor="middle">period (min)</text>`,
    `<text x="16" y="${(T + H - B) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(T + H - B) / 2})">altitude (km)</text>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const xv = x0 + ((x1 - x0) * k) / 4, yv = y0 + ((y1 - y0) * k) / 4;
    parts.push(`<text x="${px(xv).toFixed(1)}" y="${H - B + 16}" text-anchor="middle">${xv.toFixed(1)}</text>`);
    parts.push(`<text x="${L - 6}" y="${(py(yv) + 4).toFixed(1)}" text-anchor="end">${yv.toFixed(0)}</text>`);
  }
  for (const p of points) {
    parts.push(`<circle cx="${px(p.periodMin).toFixed(1)}" cy="${py(p.apogeeAltitudeKm).toFixed(1)}" r="2.5" fill="#d62728"><title>${p.catalogNumber} apogee</title></circle>`);
    parts.push(`<circle cx="${px(p.periodMin).toFixed(1)}" cy="${py(p.perigeeAltitudeKm).toFixed(1)}" r="2.5" fill="#1f77b4"><title>${p.catalogNumber} perigee</title></circle>`);
  }
  if (parent) {
    for (const y of [parent.apogeeAltitudeKm, parent.perigeeAltitudeKm]) {
      const cx = px(parent.periodMin), cy = py(y);
      parts.push(`<path d="M${cx - 6} ${cy - 6}L${cx + 6} ${cy + 6}M${cx - 6} ${cy + 6}L${cx + 6} ${cy - 6}" stroke="black" stroke-width="2"><title>parent ${parent.catalogNumber}</title></path>`);
    }
  }
  parts.push(`<text x="${W - R - 150}" y="${T + 10}" fill="#d62728">● apogee</text><text x="${W - R - 80}" y="${T + 10}" fill="#1f77b4">● perigee</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
