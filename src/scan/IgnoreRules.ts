// .gitignore and .cwescopeignore rules, layered per directory the way git reads them: deeper files win.
import { readFile, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

/** The ignore files read in every directory. */
export const IGNORE_FILES = [".gitignore", ".cwescopeignore"] as const;

interface Layer {
  base: string;
  rules: Ignore;
}

/** An immutable stack of ignore layers; `enter(dir)` returns the stack for a subdirectory. */
export class IgnoreRules {
  private constructor(private readonly layers: readonly Layer[]) {}

  static empty(): IgnoreRules {
    return new IgnoreRules([]);
  }

  /**
   * The rules in force at `dir`: those of every directory from the enclosing git repository's top (or
   * `dir` itself outside a repository) down to `dir`.
   */
  static async forDirectory(dir: string, useGitignore = true): Promise<IgnoreRules> {
    const chain = [dir];
    if (useGitignore) {
      const top = await gitTop(dir);
      for (let d = dir; top && d !== top; ) {
        d = dirname(d);
        chain.unshift(d);
      }
    }
    let rules = IgnoreRules.empty();
    for (const d of chain) rules = await rules.enter(d, useGitignore);
    return rules;
  }

  /** Add the ignore files found in `dir` (if any). */
  async enter(dir: string, useGitignore = true): Promise<IgnoreRules> {
    let added: Ignore | undefined;
    for (const name of IGNORE_FILES) {
      if (name === ".gitignore" && !useGitignore) continue;
      const text = await readFile(join(dir, name), "utf8").catch(() => undefined);
      if (text === undefined) continue;
      added ??= ignore();
      added.add(text);
    }
    return added ? new IgnoreRules([...this.layers, { base: dir, rules: added }]) : this;
  }

  /** Whether an absolute path is ignored; later (deeper) layers can re-include with `!pattern`. */
  ignores(path: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const layer of this.layers) {
      let rel = relative(layer.base, path);
      if (!rel || rel.startsWith("..")) continue;
      if (sep !== "/") rel = rel.split(sep).join("/");
      const result = layer.rules.test(isDirectory ? rel + "/" : rel);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}

/** The nearest ancestor (or `dir`) holding a `.git` entry, or undefined. */
async function gitTop(dir: string): Promise<string | undefined> {
  for (let d = dir; ; d = dirname(d)) {
    if (await stat(join(d, ".git")).then(() => true, () => false)) return d;
    if (dirname(d) === d) return undefined;
  }
}
