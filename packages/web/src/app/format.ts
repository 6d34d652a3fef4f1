/** Display formats of the dashboard: Pc, distances, ages, countdowns and UTC times. */

export function formatPc(pc: number | null | undefined): string {
  if (pc === null || pc === undefined || !Number.isFinite(pc)) return '—';
  if (pc === 0) return '0';
  return pc.toExponential(2);
}

export function formatKm(km: number | null | undefined, digits = 3): string {
  return km === null || km === undefined || !Number.isFinite(km) ? '—' : `${km.toFixed(digits)} km`;
}

/** UTC time as "2026-03-10 12:34:56Z" (or with milliseconds). */
export function formatUtc(ms: number, withMs = false): string {
  if (!Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, withMs ? 23 : 19)}Z`;
}

/** A signed duration as "3 d 04:05:06" / "−00:12:00". */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '−' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  s -= d * 86_400;
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${sign}${d > 0 ? `${d} d ` : ''}${hh}:${mm}:${ss}`;
}

/** Age of an element set in days, one decimal. */
export function formatAgeDays(ms: number): string {
  return `${(ms / 86_400_000).toFixed(1)} d`;
}

/** Value for an `<input type="datetime-local">` showing UTC (seconds precision). */
export function toDateTimeLocal(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

/** Parses an `<input type="datetime-local">` value as UTC. */
export function fromDateTimeLocal(v: string): number {
  return Date.parse(v.endsWith('Z') ? v : `${v}Z`);
}
