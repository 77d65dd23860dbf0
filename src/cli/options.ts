import { InvalidArgumentError } from 'commander';

/** commander argParser for an integer ≥ min. */
export const intOption = (min: number) => (value: string): number => {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
    throw new InvalidArgumentError(`expected a whole number ≥ ${min}, got '${value}'`);
  }
  return n;
};

/** commander argParser for a number in [min, max]. */
export const numberOption = (min: number, max = Infinity) => (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new InvalidArgumentError(`expected a number in [${min}, ${max === Infinity ? '∞' : max}], got '${value}'`);
  }
  return n;
};

/** Collects a repeatable option; also splits comma-separated values. */
export const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value.split(',').map((v) => v.trim()).filter(Boolean),
];

/** Repeatable option kept whole (model specs may contain commas in query strings). */
export const collectWhole = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];
