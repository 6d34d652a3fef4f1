/** Pure helpers of the suborbital panel: the profile JSON of POST /api/v1/suborbital/profile and the chart series built from it. */

export interface SuborbitalEllipseView {
  readonly centerLatDeg: number;
  readonly centerLonDeg: number;
  readonly semiMajorKm: number;
  readonly semiMinorKm: number;
  readonly majorAxisAzimuthDeg: number;
  readonly polygonLonLatDeg: readonly (readonly number[])[];
}

export interface SuborbitalViolationView {
  readonly axis: string;
  readonly tS: number;
  readonly startS: number;
  readonly durationS: number;
  readonly valueG: number;
  readonly limitG: number;
  readonly allowedDurationS: number;
}

export interface SuborbitalProfileView {
  readonly vehicle: string;
  readonly site: string;
  readonly launch: string;
  readonly apogeeKm: number;
  readonly timeAboveKarmanS: number;
  readonly microgravityS: number;
  readonly microgravityThresholdG: number;
  readonly maxAscentG: number;
  readonly maxReentryG: number;
  readonly maxParachuteG: number;
  readonly flightDurationS: number;
  readonly landing: { readonly lat: number; readonly lon: number; readonly tS: number; readonly ellipse: SuborbitalEllipseView | null };
  readonly booster: { readonly lat: number; readonly lon: number; readonly tS: number; readonly ellipse: SuborbitalEllipseView | null } | null;
  readonly violations: readonly SuborbitalViolationView[];
  readonly aborts: readonly { readonly tS: number; readonly mode: string; readonly available: boolean; readonly reason: string; readonly rangeKm: number; readonly ellipse: SuborbitalEllipseView }[];
  readonly series: readonly { readonly tS: number; readonly altKm: number; readonly speedKmS: number; readonly gx: number; readonly gy: number; readonly gz: number }[];
}

/** Chart series: altitude (km) and |sensed| g and +Gx against seconds from liftoff. */
export function profileSeries(p: SuborbitalProfileView): { altitude: [number, number][]; g: [number, number][]; gx: [number, number][] } {
  return {
    altitude: p.series.map((s) => [s.tS, s.altKm]),
    g: p.series.map((s) => [s.tS, Math.round(Math.hypot(s.gx, s.gy, s.gz) * 1000) / 1000]),
    gx: p.series.map((s) => [s.tS, s.gx]),
  };
}

/** One line per violation: "T+123.4 s +Gx 12.0 g > 10 g (allowed 10 s, lasted 15.4 s)". */
export function violationText(v: SuborbitalViolationView): string {
  return `T+${v.tS.toFixed(1)} s ${v.axis} ${v.valueG.toFixed(1)} g > ${v.limitG} g (allowed ${v.allowedDurationS} s, lasted ${v.durationS.toFixed(1)} s)`;
}

/** The ellipse ring as Cesium's flat [lon, lat, lon, lat, …] degrees. */
export function ellipseRing(e: SuborbitalEllipseView): number[] {
  return e.polygonLonLatDeg.flatMap((p) => [p[0]!, p[1]!]);
}
