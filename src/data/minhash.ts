// MinHash signatures with LSH banding: candidate pairs in near-linear time, then exact Jaccard on shingles.
import { shingleHashes } from "./normalize.js";

export interface DedupeItem {
  key: string;
  /** Group label; pairs inside the same group (e.g. a vulnerable/fixed twin) are not reported. */
  group?: string;
  code: string;
}

export interface DuplicatePair {
  a: string;
  b: string;
  similarity: number;
}

export interface DedupeOptions {
  /** Jaccard similarity over normalised 5-token shingles at which a pair is reported. Defaults to `0.7`. */
  threshold?: number;
  /** Number of hash functions. Defaults to `128`. */
  permutations?: number;
  /** Only report pairs whose items come from different sides (for `--across`). */
  across?: (a: DedupeItem, b: DedupeItem) => boolean;
}

const BAND_ROWS = 4;

function makeHashers(count: number): Array<[number, number]> {
  let seed = 0x9e3779b9;
  const next = () => {
    seed = (Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0;
    return seed;
  };
  return Array.from({ length: count }, () => [next() | 1, next()]);
}

function signature(shingles: Uint32Array, hashers: Array<[number, number]>): Uint32Array {
  const sig = new Uint32Array(hashers.length).fill(0xffffffff);
  for (const s of shingles)
    for (let i = 0; i < hashers.length; i++) {
      const [a, b] = hashers[i];
      const h = (Math.imul(s, a) + b) >>> 0;
      if (h < sig[i]) sig[i] = h;
    }
  return sig;
}

export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const set = new Set(a);
  let inter = 0;
  for (const x of b) if (set.has(x)) inter++;
  const union = a.length + b.length - inter;
  return union ? inter / union : 0;
}

/** Find near-duplicate pairs among items. Identical normalised code has similarity 1. */
export function findNearDuplicates(items: DedupeItem[], options: DedupeOptions = {}): DuplicatePair[] {
  const threshold = options.threshold ?? 0.7;
  const hashers = makeHashers(options.permutations ?? 128);
  const shingles = items.map((item) => shingleHashes(item.code));
  const sigs = shingles.map((s) => signature(s, hashers));
  const seen = new Set<string>();
  const out: DuplicatePair[] = [];
  for (let band = 0; band * BAND_ROWS < hashers.length; band++) {
    const buckets = new Map<string, number[]>();
    for (let i = 0; i < items.length; i++) {
      const key = Array.from(sigs[i].subarray(band * BAND_ROWS, (band + 1) * BAND_ROWS)).join(",");
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue;
      for (let x = 0; x < bucket.length; x++)
        for (let y = x + 1; y < bucket.length; y++) {
          const [i, j] = [bucket[x], bucket[y]];
          const pairKey = `${i}:${j}`;
          if (seen.has(pairKey)) continue;
          seen.add(pairKey);
          const a = items[i];
          const b = items[j];
          if (a.group !== undefined && a.group === b.group) continue;
          if (options.across && !options.across(a, b)) continue;
          const similarity = jaccard(shingles[i], shingles[j]);
          if (similarity >= threshold) out.push({ a: a.key, b: b.key, similarity });
        }
    }
  }
  return out.sort((p, q) => q.similarity - p.similarity || p.a.localeCompare(q.a));
}
