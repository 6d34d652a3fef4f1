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
