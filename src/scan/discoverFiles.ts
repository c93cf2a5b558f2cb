// Walks the paths to scan: honours ignore files and --include/--exclude, prunes vendored directories.
import type { Dirent } from "node:fs";
import { readdir, realpath, stat } from "node:fs/promises";
import { basename, join, relative, resolve, sep } from "node:path";
import { glob } from "tinyglobby";
import type { SourceLanguage } from "../lang/CodeUnit.js";
import { languageOfPath } from "../lang/languageOfPath.js";
import { UserError } from "../util/errors.js";
import { gitTrackedFiles } from "./gitTracked.js";
import { gitTop, IgnoreRules } from "./IgnoreRules.js";
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
 * Yield every source file under `paths` in a stable order, and a `skip` entry for everything left out:
 * vendored folders and bundles, files and folders an ignore file leaves out, unreadable folders, special
 * files, and symbolic links that are not followed. Files named explicitly are always yielded when cwescope
 * knows their language.
 *
 * Policy: a symbolic link is followed when its target lies inside the scanned folder (each file and folder
 * is read once, under the first path that reaches it); links that leave the folder, loop or dangle are
 * listed. A file git tracks is scanned even when `.gitignore` matches it (git does not ignore tracked files);
 * `.cwescopeignore` always applies. FIFOs, sockets and devices are never read.
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
      const top = useGitignore ? await gitTop(path) : undefined;
      const real = await realpath(path);
      const walk: Walk = { options: { ...options, gitignore: useGitignore }, selected, top: real, tracked: top ? gitTrackedFiles(top) : undefined, seen: new Map(), seenDirs: new Map([[real, relativePath(options.root, path) + "/"]]) };
      yield* walkDir(path, real, rules, walk);
    } else if (!info.isFile()) {
      throw new UserError(`${given}: not a regular file (a FIFO, socket or device is never read)`);
    } else {
      const language = languageOfPath(path);
      if (!language) throw new UserError(`${given}: not a Python, JavaScript or TypeScript file`);
      yield { kind: "file", path, rel: relativePath(options.root, path), language };
    }
  }
}

/** State of one walk: the scanned folder's real path, what git tracks, and what was already reached. */
interface Walk {
  options: DiscoverOptions;
  selected?: Set<string>;
  top: string;
  tracked?: Set<string>;
  /** Real path of each file yielded → its reported path. */
  seen: Map<string, string>;
  /** Real path of each folder walked → its reported path. */
  seenDirs: Map<string, string>;
}

const skip = (path: string, reason: SkippedFile["reason"], detail: string, incomplete: boolean): Discovered => ({ kind: "skip", entry: { path, reason, detail, incomplete } });

/** Walk `dir`, whose real path (symbolic links resolved) is `realDir`. */
async function* walkDir(dir: string, realDir: string, rules: IgnoreRules, walk: Walk): AsyncGenerator<Discovered> {
  const { options } = walk;
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    yield skip(relativePath(options.root, dir) + "/", "unreadable", `folder not readable (${(err as NodeJS.ErrnoException).code ?? String(err)})`, true);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const rel = relativePath(options.root, path);
    let kind: "dir" | "file" | "special" = entry.isDirectory() ? "dir" : entry.isFile() ? "file" : "special";
    let real = join(realDir, entry.name);
    if (entry.isSymbolicLink()) {
      const target = await followLink(path, walk.top);
      if (!target.ok) {
        if (kind === "dir" || languageOfPath(entry.name) || target.dir) yield skip(target.dir ? rel + "/" : rel, "symlink", target.why, target.leaves);
        continue;
      }
      ({ kind, real } = target);
    }
    if (kind === "dir") {
      if (SILENT_DIRS.has(entry.name)) continue;
      const ignored = rules.ignoredBy(path, true);
      if (ignored && !(ignored.file === ".gitignore" && holdsTracked(walk, path))) {
        yield skip(rel + "/", "ignored", `matched by ${ignoreFileName(options.root, ignored)}`, false);
        continue;
      }
      const vendored = !options.vendored && (VENDORED_DIRS.has(entry.name) || (await isVirtualenv(path)));
      if (vendored) {
        yield skip(rel + "/", "vendored", "third-party or generated code directory", false);
        continue;
      }
      const firstDir = walk.seenDirs.get(real);
      if (firstDir !== undefined) {
        yield skip(rel + "/", "symlink", `the same folder as ${firstDir} (scanned there; a link loop ends here)`, false);
        continue;
      }
      walk.seenDirs.set(real, rel + "/");
      yield* walkDir(path, real, await rules.enter(path, options.gitignore), walk);
      continue;
    }
    const language = languageOfPath(entry.name);
    if (!language) continue;
    if (kind === "special") {
      yield skip(rel, "special", "not a regular file (FIFO, socket or device): never read", false);
      continue;
    }
    if (walk.selected && !walk.selected.has(path)) continue;
    const ignored = rules.ignoredBy(path, false);
    if (ignored && !(ignored.file === ".gitignore" && walk.tracked?.has(path))) {
      yield skip(rel, "ignored", `matched by ${ignoreFileName(options.root, ignored)}`, false);
      continue;
    }
    if (!options.vendored && BUNDLE_NAME.test(entry.name)) {
      yield skip(rel, "vendored", "minified bundle (by name)", false);
      continue;
    }
    const first = walk.seen.get(real);
    if (first !== undefined) {
      yield skip(rel, "symlink", `the same file as ${first} (scanned there)`, false);
      continue;
    }
    walk.seen.set(real, rel);
    yield { kind: "file", path, rel, language };
  }
}

type LinkTarget = { ok: true; kind: "dir" | "file" | "special"; real: string } | { ok: false; why: string; leaves: boolean; dir: boolean };

/** Where a symbolic link leads, if it may be followed (its target lies inside the scanned folder). */
async function followLink(path: string, top: string): Promise<LinkTarget> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, why: code === "ELOOP" ? "symbolic link loop" : `dangling symbolic link (${code})`, leaves: false, dir: false };
  }
  const info = await stat(real).catch(() => undefined);
  const isDir = info?.isDirectory() ?? false;
  if (real !== top && !real.startsWith(top.endsWith(sep) ? top : top + sep))
    return { ok: false, why: `symbolic link to ${real}, outside the scanned folder: not followed`, leaves: true, dir: isDir };
  return { ok: true, kind: isDir ? "dir" : info?.isFile() ? "file" : "special", real };
}

/** Whether git tracks a file under `dir` (an ignored folder that still holds tracked files is walked). */
function holdsTracked(walk: Walk, dir: string): boolean {
  if (!walk.tracked) return false;
  const prefix = dir + sep;
  for (const f of walk.tracked) if (f.startsWith(prefix)) return true;
  return false;
}

function ignoreFileName(root: string, by: { file: string; dir: string }): string {
  const dir = relativePath(root, by.dir);
  return by.dir === root || dir === "" ? by.file : `${dir}/${by.file}`;
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
