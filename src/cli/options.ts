import { InvalidArgumentError } from 'commander';

/** `-k N`: a whole number of passages from 1 to 50 (TOP_K's range); anything else is refused, not read as 0. */
export function passageCount(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || n < 1 || n > 50) throw new InvalidArgumentError('Give a whole number of passages from 1 to 50.');
  return n;
}
