/** SVG (and PNG) renderings of constellation results: a coverage map (equirectangular grid) and a Gantt-like campaign chart. */
import type { CoverageResult, DeploymentPlan } from '@skylane/core';
import { encodePngRgb } from './png.ts';

export type CoverageMetric = 'coverage' | 'max-gap' | 'in-view';

/** The map's colour of x in [0, 1]: 0 → dark blue, 1 → yellow (viridis-like ramp, linear in three stops), as 0–255 RGB. */
export function rampRgb(x: number): [number, number, number] {
  const stops: [number, number, number][] = [
    [68, 1, 84],
    [33, 145, 140],
    [253, 231, 37],
  ];
  const t = Math.max(0, Math.min(1, x)) * 2;
  const k = Math.min(1, Math.floor(t));
  const f = t - k;
  const a = stops[k]!;
  const b = stops[k + 1]!;
  return [0, 1, 2].map((i) => Math.round(a[i]! + (b[i]! - a[i]!) * f)) as [number, number, number];
}

function colour(x: number): string {
  return `rgb(${rampRgb(x).join(',')})`;
}

/** The metric's per-cell values (row-major from the south-west cell) and the value drawn as the top of the ramp. */
function metricValues(r: CoverageResult, metric: CoverageMetric): { values: readonly number[]; max: number } {
  const cells = r.cells;
  if (cells === undefined) throw new Error('a coverage map needs per-cell results (cells: true).');
  const values = metric === 'coverage' ? cells.coverageFraction : metric === 'max-gap' ? cells.maxRevisitGapS : cells.meanSatellitesInView;
  return { values, max: metric === 'coverage' ? 1 : Math.max(1e-9, ...values) };
}

/**
 * Coverage map as an RGB raster (equirectangular, `pxPerDeg` pixels per degree, north up, 180°W on the left): each
 * pixel takes the ramp colour of the cell it falls in, as the SVG map draws it.
 */
export function coverageRaster(r: CoverageResult, metric: CoverageMetric, pxPerDeg = 2): { width: number; height: number; rgb: Uint8Array } {
  const { values, max } = metricValues(r, metric);
  const cols = Math.round(360 / r.lonStepDeg);
  const rows = Math.round(180 / r.latStepDeg);
  const width = Math.round(360 * pxPerDeg);
  const height = Math.round(180 * pxPerDeg);
  const rgb = new Uint8Array(width * height * 3);
  const palette = values.map((v) => rampRgb(v / max));
  for (let y = 0; y < height; y++) {
    const lat = 90 - (y + 0.5) / pxPerDeg;
    const k = Math.min(rows - 1, Math.max(0, Math.floor((lat + 90) / r.latStepDeg)));
    for (let x = 0; x < width; x++) {
      const j = Math.min(cols - 1, Math.floor((x + 0.5) / pxPerDeg / r.lonStepDeg));
      rgb.set(palette[k * cols + j]!, (y * width + x) * 3);
    }
  }
  return { width, height, rgb };
}

/** Coverage map as PNG bytes (see coverageRaster). */
export function coveragePng(r: CoverageResult, metric: CoverageMetric, pxPerDeg = 2): Buffer {
  const { width, height, rgb } = coverageRaster(r, metric, pxPerDeg);
  return encodePngRgb(width, height, rgb);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Coverage map: one rectangle per cell (needs result.cells), 2 px per degree, with a legend. */
export function coverageSvg(r: CoverageResult, metric: CoverageMetric): string {
  const cells = r.cells;
  if (cells === undefined) throw new Error('coverageSvg needs per-cell results (cells: true).');
  const rows = Math.round(180 / r.latStepDeg);
  const cols = Math.round(360 / r.lonStepDeg);
  const values = metric === 'coverage' ? cells.coverageFraction : metric === 'max-gap' ? cells.maxRevisitGapS : cells.meanSatellitesInView;
  const max = metric === 'coverage' ? 1 : Math.max(1e-9, ...values);
  const s = 2;
  const w = 360 * s;
  const h = 180 * s;
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h + 40}" viewBox="0 0 ${w} ${h + 40}">`];
  const label = metric === 'coverage' ? 'coverage fraction' : metric === 'max-gap' ? 'max revisit gap (s)' : 'mean satellites in view';
  out.push(`<title>${esc(`${label}, ${r.satellites} satellites, min elevation ${r.minElevationDeg}°, ${r.startIso} + ${r.durationS / 3600} h`)}</title>`);
  for (let k = 0; k < rows; k++) {
    const y = (90 - (k + 1) * r.latStepDeg) * s;
    for (let j = 0; j < cols; j++) {
      const v = values[k * cols + j]!;
      out.push(`<rect x="${(j * r.lonStepDeg * s).toFixed(1)}" y="${y.toFixed(1)}" width="${(r.lonStepDeg * s).toFixed(1)}" height="${(r.latStepDeg * s).toFixed(1)}" fill="${colour(v / max)}"/>`);
    }
  }
  out.push(`<text x="4" y="${h + 16}" font-family="sans-serif" font-size="12">${esc(label)}: 0 (dark) … ${metric === 'coverage' ? 1 : max.toFixed(1)} (light); global coverage ${(r.coverageFraction * 100).toFixed(2)} %, max gap ${r.maxRevisitGapS} s</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** Gantt-like campaign chart: one row per batch, drift (light) then raise (dark), a service curve below. */
export function campaignSvg(plan: DeploymentPlan): string {
  const t = (iso: string): number => Date.parse(iso);
  const t0 = Math.min(...plan.launches.map((l) => t(l.epoch)));
  const t1 = Math.max(t(plan.fullServiceEpoch), ...plan.launches.map((l) => t(l.arrivalEpoch)));
  const days = Math.max(1, (t1 - t0) / 86_400_000);
  const rowH = 6;
  const w = 900;
  const left = 160;
  const x = (ms: number): number => left + ((ms - t0) / 86_400_000 / days) * (w - left - 10);
  const rows = plan.launches.length;
  const chartH = rows * rowH + 20;
  const h = chartH + 140;
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="sans-serif" font-size="9">`];
  out.push(`<title>deployment campaign: ${plan.launchCount} launches, full service ${esc(plan.fullServiceEpoch)}</title>`);
  plan.launches.forEach((l, k) => {
    const y = 10 + k * rowH;
    const a = t(l.epoch);
    const d = a + l.driftDays * 86_400_000;
    const e = d + l.raiseDays * 86_400_000;
    if (k % Math.max(1, Math.ceil(rows / 40)) === 0) out.push(`<text x="2" y="${y + rowH - 1}">${esc(`${l.epoch.slice(0, 10)} ${l.site} S${l.shell + 1}P${l.plane + 1}`)}</text>`);
    out.push(`<rect x="${x(a).toFixed(1)}" y="${y}" width="${Math.max(1, x(d) - x(a)).toFixed(1)}" height="${rowH - 1}" fill="${l.strategy === 'j2-drift' ? '#f4a261' : '#a8dadc'}"/>`);
    out.push(`<rect x="${x(d).toFixed(1)}" y="${y}" width="${Math.max(1, x(e) - x(d)).toFixed(1)}" height="${rowH - 1}" fill="#1d3557"/>`);
  });
  const total = plan.timeline.length === 0 ? 1 : plan.timeline[plan.timeline.length - 1]!.satellitesInService;
  const base = chartH + 120;
  const pts = plan.timeline.map((p) => `${x(t(p.epoch)).toFixed(1)},${(base - (p.satellitesInService / total) * 100).toFixed(1)}`);
  out.push(`<polyline fill="none" stroke="#e63946" stroke-width="1.5" points="${x(t0).toFixed(1)},${base} ${pts.join(' ')}"/>`);
  out.push(`<text x="${left}" y="${base + 14}">satellites in service (0 … ${total}); bars: drift at insertion altitude (light: in-plane phasing, orange: J2 nodal drift) then raise (dark); ${days.toFixed(0)} days</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
