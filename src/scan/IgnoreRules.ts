// .gitignore and .cwescopeignore rules, layered per directory the way git reads them: deeper files win.
import { readFile, stat } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

/** The ignore files read in every directory. */
export const IGNORE_FILES = [".gitignore", ".cwescopeignore"] as const;

interface Layer {
  base: string;
  /** One rule set per ignore file, in `IGNORE_FILES` order (a later file can re-include). */
  files: Array<{ name: IgnoreFile; rules: Ignore }>;
}

export type IgnoreFile = (typeof IGNORE_FILES)[number];

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
    const files: Layer["files"] = [];
    for (const name of IGNORE_FILES) {
      if (name === ".gitignore" && !useGitignore) continue;
      const text = await readFile(join(dir, name), "utf8").catch(() => undefined);
      if (text !== undefined) files.push({ name, rules: ignore().add(text) });
    }
    return files.length ? new IgnoreRules([...this.layers, { base: dir, files }]) : this;
  }

  /** Whether an absolute path is ignored; later (deeper) layers can re-include with `!pattern`. */
  ignores(path: string, isDirectory: boolean): boolean {
    return this.ignoredBy(path, isDirectory) !== undefined;
  }

  /** The ignore file (with its folder) whose rule leaves `path` out, or undefined when it is not ignored. */
  ignoredBy(path: string, isDirectory: boolean): { file: IgnoreFile; dir: string } | undefined {
    let by: { file: IgnoreFile; dir: string } | undefined;
    for (const layer of this.layers) {
      let rel = relative(layer.base, path);
      if (!rel || rel.startsWith("..")) continue;
      if (sep !== "/") rel = rel.split(sep).join("/");
      for (const { name, rules } of layer.files) {
        const result = rules.test(isDirectory ? rel + "/" : rel);
        if (result.ignored) by = { file: name, dir: layer.base };
        else if (result.unignored) by = undefined;
      }
    }
    return by;
  }
}

/** The nearest ancestor (or `dir`) holding a `.git` entry, or undefined. */
export async function gitTop(dir: string): Promise<string | undefined> {
  for (let d = dir; ; d = dirname(d)) {
    if (await stat(join(d, ".git")).then(() => true, () => false)) return d;
    if (dirname(d) === d) return undefined;
  }
}
