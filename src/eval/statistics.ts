import { seededRandom } from "../math/seeded-random.js";

export interface Interval {
  low: number;
  high: number;
}

/** 95% Wilson score interval for `successes` out of `n`. */
export function wilsonInterval(successes: number, n: number, z = 1.959964): Interval {
  if (n === 0) return { low: 0, high: 0 };
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const margin = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - margin), high: Math.min(1, centre + margin) };
}

/** 95% percentile-bootstrap interval of the mean, with a fixed seed so reports are reproducible. */
export function bootstrapMeanInterval(values: number[], resamples = 1000, seed = 7): Interval {
  if (values.length === 0) return { low: 0, high: 0 };
  const random = seededRandom(seed);
  const means: number[] = [];
  for (let round = 0; round < resamples; round += 1) {
    let sum = 0;
    for (let index = 0; index < values.length; index += 1) sum += values[Math.floor(random() * values.length)]!;
    means.push(sum / values.length);
  }
  means.sort((a, b) => a - b);
  return { low: means[Math.floor(0.025 * resamples)]!, high: means[Math.min(resamples - 1, Math.ceil(0.975 * resamples) - 1)]! };
}

/** Percentile by linear interpolation between closest ranks (p in 0..100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
