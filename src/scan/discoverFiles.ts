// Walks the paths to scan: honours ignore files and --include/--exclude, prunes vendored directories.
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import { glob } from "tinyglobby";
import type { SourceLanguage } from "../lang/CodeUnit.js";
import { languageOfPath } from "../lang/languageOfPath.js";
import { UserError } from "../util/errors.js";
import { IgnoreRules } from "./IgnoreRules.js";
import type { SkippedFile } from "./Finding.js";

/** Directories holding third-party or generated code: not scanned, listed once each. */
export const VENDORED_DIRS = new Set(["node_modules", "bower_components", "jspm_packages", "vendor", "dist", "build"]);
/** Tool folders never worth listing. */
const SILENT_DIRS = new Set([".git", ".hg", ".svn", "__pycache__", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache"]);
/** Bundles by name (`app.min.js`, `vendor-bundle.js`). */
const BUNDLE_NAME = /[.-]min\.[cm]?js$|[.-]bundle\.[cm]?js$/i;

export interface DiscoverOptions {
  /** Directory that reported paths are relative to. */
  root: string;
  /** Glob patterns (relative to `root`) a file must match to be scanned. Defaults to every file. */
  include?: string[];
  /** Glob patterns (relative to `root`) of files not to scan. Defaults to none. */
  exclude?: string[];
  /** Honour `.gitignore` files (`.cwescopeignore` is always honoured). Defaults to `true`. */
  gitignore?: boolean;
  /** Scan vendored folders (node_modules, vendor, dist, build, virtualenvs) and bundles too. Defaults to `false`. */
  vendored?: boolean;
}

export type Discovered =
  | { kind: "file"; path: string; rel: string; language: SourceLanguage }
  | { kind: "skip"; entry: SkippedFile };

/** Relative, `/`-separated path for reports. */
export function relativePath(root: string, path: string): string {
  const rel = relative(root, path) || basename(path);
  return sep === "/" ? rel : rel.split(sep).join("/");
}

/**
 * Yield every source file under `paths` in a stable order, and a `skip` entry for each vendored directory
 * or bundle left out. Files named explicitly are always yielded when cwescope knows their language.
 */
export async function* discoverFiles(paths: string[], options: DiscoverOptions): AsyncGenerator<Discovered> {
  const useGitignore = options.gitignore ?? true;
  const selected = await selectByGlobs(options);
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UserError(`${given}: no such file or directory`);
    if (info.isDirectory()) {
      const rules = await IgnoreRules.forDirectory(path, useGitignore);
      yield* walk(path, rules, { ...options, gitignore: useGitignore }, selected);
    } else {
      const language = languageOfPath(path);
      if (!language) throw new UserError(`${given}: not a Python, JavaScript or TypeScript file`);
      yield { kind: "file", path, rel: relativePath(options.root, path), language };
    }
  }
}

async function* walk(dir: string, rules: IgnoreRules, options: DiscoverOptions, selected?: Set<string>): AsyncGenerator<Discovered> {
  const entries: Dirent[] = await readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SILENT_DIRS.has(entry.name) || rules.ignores(path, true)) continue;
      const vendored = !options.vendored && (VENDORED_DIRS.has(entry.name) || (await isVirtualenv(path)));
      if (vendored) {
        const rel = relativePath(options.root, path) + "/";
        yield { kind: "skip", entry: { path: rel, reason: "vendored", detail: "third-party or generated code directory", incomplete: false } };
        continue;
      }
      yield* walk(path, await rules.enter(path, options.gitignore), options, selected);
    } else if (entry.isFile()) {
      const language = languageOfPath(entry.name);
      if (!language || rules.ignores(path, false) || (selected && !selected.has(path))) continue;
      const rel = relativePath(options.root, path);
      if (!options.vendored && BUNDLE_NAME.test(entry.name)) {
        yield { kind: "skip", entry: { path: rel, reason: "vendored", detail: "minified bundle (by name)", incomplete: false } };
        continue;
      }
      yield { kind: "file", path, rel, language };
    }
    // Symbolic links are not followed: they can loop or leave the tree.
  }
}

async function isVirtualenv(dir: string): Promise<boolean> {
  return stat(join(dir, "pyvenv.cfg")).then(() => true, () => false);
}

/**
 * `--exclude` patterns as globs: a bare name (no `/`, no glob characters) matches a file or directory of that name
 * anywhere, as Semgrep and Bandit read it (`--exclude tests`); globs and paths keep their meaning.
 */
export function excludeGlobs(patterns: readonly string[]): string[] {
  return patterns.flatMap((p) => (/^[^/*?[\]{}!]+$/.test(p) ? [`**/${p}`, `**/${p}/**`] : [p]));
}

/** The absolute paths --include/--exclude select, or undefined when neither is given. */
async function selectByGlobs(options: DiscoverOptions): Promise<Set<string> | undefined> {
  if (!options.include?.length && !options.exclude?.length) return undefined;
  const files = await glob(options.include?.length ? options.include : ["**/*"], {
    cwd: options.root,
    ignore: [...excludeGlobs(options.exclude ?? []), ...[...(options.vendored ? [] : VENDORED_DIRS), ...SILENT_DIRS].map((d) => `**/${d}/**`)],
    dot: true,
    absolute: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    expandDirectories: false,
  });
  return new Set(files.map((f) => resolve(f)));
}
