/** Tourism tab data shaping: passenger readiness for a flight date and the go/no-go report as display lines. */

export interface TourismPassengerView {
  readonly id: number;
  readonly name: string;
  readonly trainingStatus: string;
  readonly medicalStatus: string;
  readonly medicalExpiresUtc: string | null;
}

export interface GoNoGoItemView {
  readonly item: string;
  readonly subject?: string;
  readonly status: 'go' | 'no-go' | 'not-required';
  readonly reason: string;
  readonly value?: number | string | boolean;
  readonly limit?: number | string | boolean;
  readonly unit?: string;
  readonly detail: string;
}

export interface GoNoGoReportView {
  readonly verdict: 'GO' | 'NO-GO';
  readonly launchUtc?: string;
  readonly evaluatedAtUtc?: string;
  readonly items: readonly GoNoGoItemView[];
  readonly failing: readonly GoNoGoItemView[];
}

/** Whether a passenger can fly at `atMs` (training complete, medical cleared and valid then), and why not. */
export function passengerReadiness(p: TourismPassengerView, atMs: number): { ready: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (p.trainingStatus !== 'complete') reasons.push(`training ${p.trainingStatus}`);
  if (p.medicalStatus !== 'cleared') reasons.push(`medical ${p.medicalStatus}`);
  else if (p.medicalExpiresUtc === null) reasons.push('medical expiry unknown');
  else if (Date.parse(p.medicalExpiresUtc) < atMs) reasons.push(`medical expired ${p.medicalExpiresUtc.slice(0, 10)}`);
  return { ready: reasons.length === 0, reasons };
}

const show = (v: number | string | boolean): string => (typeof v === 'number' ? String(Math.round(v * 1000) / 1000) : String(v));

/** One line per failing item: "item [subject]: value unit > limit unit (reason)" or "item: missing". */
export function failingLines(r: GoNoGoReportView): string[] {
  return r.failing.map((f) => {
    const name = `${f.item}${f.subject !== undefined ? ` [${f.subject}]` : ''}`;
    if (f.reason === 'missing') return `${name}: missing (${f.detail})`;
    const unit = f.unit !== undefined ? ` ${f.unit}` : '';
    return f.value !== undefined && f.limit !== undefined ? `${name}: ${show(f.value)}${unit}, limit ${show(f.limit)}${unit}` : `${name}: ${f.detail}`;
  });
}

/** GET /api/v1/tourism/flights/{id}/summary (the parts the tab shows). */
export interface FlightSummaryView {
  readonly flightId: number;
  readonly flight: string;
  readonly profileAvailable: boolean;
  readonly profileSource?: 'computed' | 'stored' | null;
  readonly keyNumbers: { readonly apogeeKm: number | null; readonly timeAboveKarmanS: number | null; readonly microgravityS: number | null; readonly maxAscentG: number | null; readonly maxReentryG: number | null; readonly peakG?: number | null };
  readonly timeline: readonly { readonly event: string; readonly tS: number; readonly utc: string }[];
  readonly landing: { readonly lat?: number; readonly lon?: number; readonly ellipse?: { readonly semiMajorKm: number; readonly semiMinorKm: number; readonly majorAxisAzimuthDeg?: number; readonly centerLatDeg?: number; readonly centerLonDeg?: number; readonly polygonLonLatDeg?: readonly (readonly number[])[] } | null } | null;
  readonly plot?: readonly { readonly tS: number; readonly altKm: number; readonly g: number }[];
  readonly profileCheck?: { readonly passed: boolean; readonly violations: readonly string[] };
}

/** The summary's profile as chart series: altitude (km) and sensed |g| against seconds from liftoff (bad points dropped). */
export function summarySeries(s: FlightSummaryView): { altitude: [number, number][]; g: [number, number][] } {
  const pts = (s.plot ?? []).filter((p) => Number.isFinite(p.tS) && Number.isFinite(p.altKm) && Number.isFinite(p.g));
  return { altitude: pts.map((p) => [p.tS, p.altKm]), g: pts.map((p) => [p.tS, p.g]) };
}

const KM_PER_DEG = 111.195;

/**
 * The landing ellipse as an SVG path in a `size`×`size` box (north up, east right, equirectangular about the centre,
 * scaled so the major axis spans 80 % of the box), with the scale (km per px) for the caption; null without a polygon.
 */
export function landingEllipsePath(s: FlightSummaryView, size: number): { d: string; kmPerPx: number } | null {
  const e = s.landing?.ellipse;
  const poly = e?.polygonLonLatDeg;
  if (e === null || e === undefined || poly === undefined || poly.length < 3) return null;
  const lat0 = e.centerLatDeg ?? s.landing?.lat ?? 0;
  const lon0 = e.centerLonDeg ?? s.landing?.lon ?? 0;
  const cos = Math.cos((lat0 * Math.PI) / 180);
  const kmPerPx = (2 * e.semiMajorKm) / (0.8 * size);
  const xy = poly.map((p) => [size / 2 + ((p[0]! - lon0) * KM_PER_DEG * cos) / kmPerPx, size / 2 - ((p[1]! - lat0) * KM_PER_DEG) / kmPerPx]);
  return { d: `${xy.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x!.toFixed(1)},${y!.toFixed(1)}`).join(' ')} Z`, kmPerPx };
}
