// Equal numbers of vulnerable and not-vulnerable training examples, chosen by a seeded generator.
import { UserError } from "../../util/errors.js";
import { shuffled, type Rng } from "../../util/random.js";

/**
 * `downsample` keeps a seeded random subset of the larger class; `upsample` repeats the smaller class (each record
 * once before any record twice); `none` keeps the data as it is.
 */
export const BALANCE_MODES = ["downsample", "upsample", "none"] as const;
export type BalanceMode = (typeof BALANCE_MODES)[number];

export interface Balanced<T> {
  records: T[];
  /** Records of the larger class left out (downsample). */
  dropped: number;
  /** Repeated records added to the smaller class (upsample). */
  added: number;
}

/** Balance on the binary label (`cwe !== null`); the order of the result is not meaningful (shuffle after). */
export function balanceClasses<T extends { cwe: string | null }>(records: readonly T[], mode: BalanceMode, rng: Rng, source = "data"): Balanced<T> {
  if (mode === "none") return { records: records.slice(), dropped: 0, added: 0 };
  const vulnerable = records.filter((r) => r.cwe !== null);
  const safe = records.filter((r) => r.cwe === null);
  if (!vulnerable.length || !safe.length) {
    const missing = vulnerable.length ? "not-vulnerable" : "vulnerable";
    throw new UserError(`${source}: no ${missing} records, so the classes cannot be balanced; pass --balance none to export as is`);
  }
  const [small, large] = vulnerable.length <= safe.length ? [vulnerable, safe] : [safe, vulnerable];
  if (mode === "downsample") {
    const kept = shuffled(large, rng).slice(0, small.length);
    return { records: [...small, ...kept], dropped: large.length - small.length, added: 0 };
  }
  const extra: T[] = [];
  while (extra.length < large.length - small.length) extra.push(...shuffled(small, rng).slice(0, large.length - small.length - extra.length));
  return { records: [...large, ...small, ...extra], dropped: 0, added: extra.length };
}
