// Every snippet seen so far (all splits, both languages, earlier candidates), for "is this a near-duplicate?".
import { jaccard } from "../minhash.js";
import { shingleHashes } from "../normalize.js";

export interface NearestMatch {
  key: string;
  similarity: number;
}

/**
 * Linear scan with exact Jaccard over normalised 5-token shingles, the measure `data dedupe` uses; a few
 * thousand records answer in milliseconds, and there is no LSH miss.
 */
export class NearDuplicateIndex {
  private readonly keys: string[] = [];
  private readonly shingles: Uint32Array[] = [];

  get size(): number {
    return this.keys.length;
  }

  add(key: string, code: string): void {
    this.keys.push(key);
    this.shingles.push(shingleHashes(code));
  }

  /** The most similar indexed snippet, or undefined when the index is empty. */
  nearest(code: string): NearestMatch | undefined {
    const probe = shingleHashes(code);
    let best: NearestMatch | undefined;
    for (let i = 0; i < this.keys.length; i++) {
      const similarity = jaccard(probe, this.shingles[i]);
      if (!best || similarity > best.similarity) best = { key: this.keys[i], similarity };
    }
    return best;
  }
}
