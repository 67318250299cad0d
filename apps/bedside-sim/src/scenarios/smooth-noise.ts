import { gaussian, seededRandom } from '@teleconsult/clinical';

/** A 32-bit integer hash of the seed, a channel and a knot index (murmur3's finaliser). */
function mix(seed: number, channel: number, knot: number): number {
  let h = (seed ^ Math.imul(channel + 1, 0x9e3779b1) ^ Math.imul(knot, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const knotValue = (seed: number, channel: number, knot: number) =>
  gaussian(seededRandom(mix(seed, channel, knot)));

/**
 * Smooth, seeded noise with unit standard deviation at the knots: independent Gaussian values every
 * `periodMs`, cosine-interpolated between them. A pure function of time, so a bed's numerics are
 * the same whenever (and however often) they are sampled, and successive samples drift rather than jump.
 */
export function smoothNoise(seed: number, channel: number, tMs: number, periodMs: number): number {
  const position = tMs / periodMs;
  const knot = Math.floor(position);
  const fraction = position - knot;
  const weight = (1 - Math.cos(Math.PI * fraction)) / 2;
  return knotValue(seed, channel, knot) * (1 - weight) + knotValue(seed, channel, knot + 1) * weight;
}
