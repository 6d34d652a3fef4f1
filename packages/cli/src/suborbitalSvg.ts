/** SVG of a suborbital profile: altitude (km, left axis) and sensed acceleration (g, right axis: |f| and +Gx) over time. */
import type { SuborbitalFlight } from '@skylane/core';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A standalone SVG document (x: seconds from liftoff). */
export function suborbitalProfileSvg(f: SuborbitalFlight, title: string): string {
  const W = 820;
  const H = 460;
  const left = 70;
  const right = 70;
  const top = 40;
  const bottom = 60;
  const s = f.series;
  const tMax = Math.max(1, s.tS[s.tS.length - 1] ?? 1);
  const altMax = Math.max(1, Math.ceil((f.apogeeKm * 1.1) / 10) * 10);
  const gAbs = s.tS.map((_, i) => Math.hypot(s.gx[i]!, s.gy[i]!, s.gz[i]!));
  const gMax = Math.max(1, Math.ceil(Math.max(...gAbs) + 0.5));
  const x = (t: number): number => left + ((W - left - right) * t) / tMax;
  const yA = (a: number): number => H - bottom - ((H - top - bottom) * a) / altMax;
  const yG = (g: number): number => H - bottom - ((H - top - bottom) * g) / gMax;
  const path = (ys: readonly number[], fy: (v: number) => number): string => s.tS.map((t, i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${fy(ys[i]!).toFixed(1)}`).join('');
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${esc(title)}</text>`);
  // Kármán line and microgravity shading are drawn first.
  out.push(`<line x1="${left}" x2="${W - right}" y1="${yA(100).toFixed(1)}" y2="${yA(100).toFixed(1)}" stroke="#999" stroke-dasharray="4 4"/><text x="${left + 4}" y="${(yA(100) - 4).toFixed(1)}" fill="#777">Kármán line 100 km</text>`);
  for (let k = 0; k <= 5; k++) {
    const a = (altMax * k) / 5;
    const g = (gMax * k) / 5;
    out.push(`<line x1="${left}" x2="${W - right}" y1="${yA(a).toFixed(1)}" y2="${yA(a).toFixed(1)}" stroke="#eee"/>`);
    out.push(`<text x="${left - 6}" y="${(yA(a) + 4).toFixed(1)}" text-anchor="end" fill="#1f4e9c">${a.toFixed(0)}</text>`);
    out.push(`<text x="${W - right + 6}" y="${(yG(g) + 4).toFixed(1)}" fill="#c0392b">${g.toFixed(1)}</text>`);
  }
  const tStep = tMax > 600 ? 120 : 60;
  for (let t = 0; t <= tMax; t += tStep) out.push(`<text x="${x(t).toFixed(1)}" y="${H - bottom + 18}" text-anchor="middle">${t}</text>`);
  out.push(`<text x="${W / 2}" y="${H - 18}" text-anchor="middle">time from liftoff (s)</text>`);
  out.push(`<text transform="translate(18 ${H / 2}) rotate(-90)" text-anchor="middle" fill="#1f4e9c">altitude (km)</text>`);
  out.push(`<text transform="translate(${W - 16} ${H / 2}) rotate(90)" text-anchor="middle" fill="#c0392b">sensed acceleration (g)</text>`);
  out.push(`<rect x="${left}" y="${top}" width="${W - left - right}" height="${H - top - bottom}" fill="none" stroke="#333"/>`);
  out.push(`<path d="${path(s.altKm, yA)}" fill="none" stroke="#1f4e9c" stroke-width="2"/>`);
  out.push(`<path d="${path(gAbs, yG)}" fill="none" stroke="#c0392b" stroke-width="1.5"/>`);
  out.push(`<path d="${path(s.gx, yG)}" fill="none" stroke="#e67e22" stroke-width="1" stroke-dasharray="3 2"/>`);
  const legend = [`apogee ${f.apogeeKm.toFixed(1)} km`, `above 100 km ${f.timeAboveKarmanS.toFixed(0)} s`, `microgravity ${f.microgravityS.toFixed(0)} s (< ${f.microgravityThresholdG} g)`, `max ascent ${f.maxAscentG.toFixed(2)} g, reentry ${f.maxReentryG.toFixed(2)} g`];
  legend.forEach((l, i) => out.push(`<text x="${W - right - 8}" y="${top + 18 + i * 16}" text-anchor="end">${esc(l)}</text>`));
  out.push(`<text x="${left + 8}" y="${top + 18}" fill="#1f4e9c">— altitude</text><text x="${left + 8}" y="${top + 34}" fill="#c0392b">— |sensed| g</text><text x="${left + 8}" y="${top + 50}" fill="#e67e22">- - +Gx (eyeballs in)</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
