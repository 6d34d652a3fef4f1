/** Strict value formatting shared by the CDM writers: numbers and times that read back to the same model value. */
import { ArgumentError } from '../../errors/index.ts';
import type { Instant, TimeScales } from '../../time/index.ts';
import type { FieldSpec } from './model.ts';

/**
 * Formats a model value in the CDM unit (`value × 1/scale`) with the fewest significant digits (15..17) whose
 * reading back (`Number(text) / (1/scale)`) gives exactly `value`, so that read → write → read is exact.
 */
export function formatCdmNumber(value: number, scale: number | undefined, keyword: string): string {
  if (!Number.isFinite(value)) throw new ArgumentError(`${keyword}: ${value} is not a finite number; a CDM cannot carry it.`, value);
  if (Object.is(value, -0)) return '-0.0';
  if (scale === undefined || scale === 1) return String(value);
  const k = Math.round(1 / scale);
  // x·k is rounded, so (x·k)/k may miss `value` by an ulp: try the neighbouring doubles of x·k too.
  let x = value * k;
  for (let step = 0; step < 4; step++) {
    for (let p = 15; p <= 17; p++) {
      const s = String(Number(x.toPrecision(p)));
      if (Number(s) / k === value) return s;
    }
    x = nextDouble(x, x / k < value ? 1 : -1);
  }
  return String(value * k);
}

function nextDouble(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * Number.MIN_VALUE;
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const bits = buf.getBigUint64(0);
  buf.setBigUint64(0, (x > 0) === (dir > 0) ? bits + 1n : bits - 1n);
  return buf.getFloat64(0);
}

/** Formats a CDM time (UTC, no zone letter) with 3 to 9 decimals, the fewest that read back exactly. */
export function formatCdmTime(t: Instant, ts: TimeScales): string {
  for (let d = 3; d <= 9; d++) {
    const s = ts.formatUtcIso(t, d).replace(/Z$/, '');
    if (ts.parseUtcIso(s).equals(t)) return s;
  }
  return ts.formatUtcIso(t, 9).replace(/Z$/, '');
}

/** Checks a text value for a writer: non-empty, on one line, and one of the standard's choices when it has them. */
export function checkCdmText(spec: FieldSpec, value: string, where: string): string {
  const v = value.trim();
  if (v === '') throw new ArgumentError(`${where} ${spec.keyword} is empty; give it a value or leave the field out.`, value);
  if (/[\r\n]/.test(v)) throw new ArgumentError(`${where} ${spec.keyword} holds a line break; a CDM value is one line.`, value);
  if (spec.choices && !spec.choices.includes(v.toUpperCase())) {
    throw new ArgumentError(`${where} ${spec.keyword} = "${v}" is not one of ${spec.choices.join(', ')} (CCSDS 508.0-B-1).`, value);
  }
  return spec.choices ? v.toUpperCase() : v;
}

/** The text of one typed field for a writer, or undefined when the model leaves it out. */
export function cdmFieldText(spec: FieldSpec, target: Record<string, unknown>, ts: TimeScales, where: string): string | undefined {
  const raw = target[spec.prop];
  if (raw === undefined) {
    if (spec.required) throw new ArgumentError(`${where} ${spec.keyword} is mandatory and missing.`);
    return undefined;
  }
  const v = spec.index !== undefined ? (raw as readonly number[])[spec.index] : raw;
  switch (spec.kind) {
    case 'text':
      return checkCdmText(spec, String(v), where);
    case 'time':
      return formatCdmTime(v as Instant, ts);
    case 'integer':
      if (!Number.isInteger(v)) throw new ArgumentError(`${where} ${spec.keyword} = ${String(v)} must be an integer.`, v);
      return String(v);
    case 'number':
      return formatCdmNumber(v as number, spec.scale, spec.keyword);
  }
}
