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
