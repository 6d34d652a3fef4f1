/** Usage errors of the CLI: bad flags or arguments. They exit with status 2 and a message saying what to fix. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses a comma-separated list of catalog numbers ("25544,48274"). */
export function parseIdList(text: string, flag: string): number[] {
  const ids = text
    .split(/[\s,]+/)
    .filter((s) => s.length > 0)
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1 || n > 999_999_999) throw new UsageError(`${flag}: "${s}" is not a catalog number (an integer 1..999999999).`);
      return n;
    });
  if (ids.length === 0) throw new UsageError(`${flag}: give at least one catalog number, e.g. ${flag} 25544,48274`);
  return ids;
}

/** Parses a finite number flag (any sign). */
export function parseFiniteNumber(text: string, flag: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${flag}: "${text}" is not a number.`);
  return n;
}

/** Parses a positive finite number flag. */
export function parsePositive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag}: "${text}" must be a positive number.`);
  return n;
}

/** Checks that a flag's value is one of the allowed choices (case-insensitive) and returns it in canonical case. */
export function parseChoice<T extends string>(text: string, flag: string, choices: readonly T[]): T {
  const hit = choices.find((c) => c.toLowerCase() === text.toLowerCase());
  if (hit === undefined) throw new UsageError(`${flag}: "${text}" is not one of ${choices.join(', ')}.`);
  return hit;
}

/** Accepted range of a numeric flag: [min, max], or (min, max] with `minExclusive`; `integer` for counts. */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly minExclusive?: boolean;
  readonly integer?: boolean;
  /** What the number is, for the message: "metres", "trials", "km" ('' for none). */
  readonly unit: string;
}

/**
 * Parses a numeric flag and refuses anything outside its accepted range (non-finite, negative where the range is
 * positive, absurdly large) with the flag's name and the range: `--hbr-m: "1e300" is outside the accepted range
 * (0, 1000] metres.`
 */
export function parseNumberInRange(text: string, flag: string, r: NumberRange): number {
  const n = Number(text.trim());
  const range = `${r.minExclusive === true ? '(' : '['}${r.min}, ${r.max}]${r.unit !== '' ? ` ${r.unit}` : ''}`;
  if (text.trim() === '' || !Number.isFinite(n) || (r.minExclusive === true ? n <= r.min : n < r.min) || n > r.max) {
    throw new UsageError(`${flag}: "${text}" is outside the accepted range ${range}${r.integer === true ? ' (an integer)' : ''}.`);
  }
  if (r.integer === true && !Number.isInteger(n)) throw new UsageError(`${flag}: "${text}" must be an integer in ${range}.`);
  return n;
}

