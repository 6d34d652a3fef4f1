/** SVG of an avoidance trade space: log10 Pc over execution time × Δv as coloured cells, the target contour, the chosen maneuver. */
import type { AvoidancePlan } from '@skylane/core';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Colour of log10 Pc: red (≥ −3) through yellow to dark blue (≤ −10). */
function colour(logPc: number): string {
  const t = Math.max(0, Math.min(1, (logPc + 10) / 7));
  const stops: [number, number, number][] = [
    [30, 40, 110],
    [40, 150, 140],
    [250, 220, 40],
    [215, 40, 30],
  ];
  const x = t * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(x));
  const f = x - k;
  const a = stops[k]!;
  const b = stops[k + 1]!;
  return `rgb(${a.map((v, i) => Math.round(v + (b[i]! - v) * f)).join(',')})`;
}

/** The trade space of a plan as a standalone SVG document (x: execution time, y: Δv). */
export function tradeSpaceSvg(plan: AvoidancePlan): string {
  const ts = plan.tradeSpace;
  const nT = ts.epochs.length;
  const nV = ts.dvMps.length;
  const W = 760, H = 480, left = 80, top = 40, right = 120, bottom = 70;
  const pw = W - left - right, ph = H - top - bottom;
  const cw = pw / Math.max(1, nT), ch = ph / Math.max(1, nV);
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`];
  out.push(`<title>${esc(`Avoidance trade space: ${plan.primary} vs ${plan.secondary}, TCA ${plan.tca}`)}</title>`);
  out.push(`<text x="${left}" y="20" font-size="13">${esc(`Pc after a ${ts.direction}-direction Δv (linear model), ${plan.primary} vs ${plan.secondary}, TCA ${plan.tca}`)}</text>`);
  for (let i = 0; i < nT; i++) {
    for (let j = 0; j < nV; j++) {
      const pc = ts.pc[i]![j]!;
      const lg = pc > 0 ? Math.log10(pc) : -300;
      out.push(`<rect x="${(left + i * cw).toFixed(1)}" y="${(top + ph - (j + 1) * ch).toFixed(1)}" width="${(cw + 0.5).toFixed(1)}" height="${(ch + 0.5).toFixed(1)}" fill="${colour(lg)}"/>`);
    }
  }
  // Target contour: the minimum Δv per execution time.
  const pts = ts.minDvMps.map((v, i) => (v === null ? null : `${(left + (i + 0.5) * cw).toFixed(1)},${Math.max(top, top + ph - (v / (ts.dvMps[nV - 1]! || 1)) * ph).toFixed(1)}`)).filter((p): p is string => p !== null);
  if (pts.length > 1) out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="white" stroke-width="2" stroke-dasharray="5,3"/>`);
  // The chosen maneuver.
  const ci = ts.epochs.indexOf(plan.maneuver.epoch);
  if (ci >= 0 && ts.direction === plan.maneuver.direction) {
    const y = top + ph - (plan.maneuver.dvMps / (ts.dvMps[nV - 1]! || 1)) * ph;
    out.push(`<circle cx="${(left + (ci + 0.5) * cw).toFixed(1)}" cy="${Math.max(top, y).toFixed(1)}" r="5" fill="none" stroke="black" stroke-width="2"/>`);
  }
  out.push(`<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="none" stroke="black"/>`);
  // Axes: Δv ticks (left), lead time ticks (bottom).
  for (let k = 0; k <= 4; k++) {
    const v = (ts.dvMps[nV - 1]! * k) / 4;
    const y = top + ph - (k / 4) * ph;
    out.push(`<text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end">${(v * 1000).toPrecision(3)}</text>`);
  }
  out.push(`<text x="18" y="${top + ph / 2}" transform="rotate(-90 18 ${top + ph / 2})" text-anchor="middle">Δv (mm/s)</text>`);
  for (let k = 0; k < nT; k += Math.max(1, Math.ceil(nT / 6))) {
    const x = left + (k + 0.5) * cw;
    out.push(`<text x="${x.toFixed(1)}" y="${top + ph + 16}" text-anchor="middle">${(ts.leadTimesS[k]! / 3600).toFixed(1)}</text>`);
  }
  out.push(`<text x="${left + pw / 2}" y="${top + ph + 36}" text-anchor="middle">lead time before TCA (h); dashed: Δv reaching ${ts.targetPc !== null ? `Pc ${ts.targetPc}` : `miss ${ts.targetMissKm} km`}; circle: chosen</text>`);
  // Legend.
  for (let k = 0; k <= 7; k++) {
    const lg = -10 + k;
    const y = top + ph - (k + 1) * (ph / 8);
    out.push(`<rect x="${W - right + 20}" y="${y.toFixed(1)}" width="20" height="${(ph / 8).toFixed(1)}" fill="${colour(lg)}"/>`);
    out.push(`<text x="${W - right + 46}" y="${(y + ph / 16 + 4).toFixed(1)}">1e${lg}</text>`);
  }
  out.push(`<text x="${W - right + 20}" y="${top - 6}">Pc</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
