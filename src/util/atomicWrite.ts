// Outputs are written whole or not at all (a temp file beside the target, then a rename), and their place
// is checked before any work starts, so a long run never ends by losing what it computed.
import { randomBytes } from "node:crypto";
import { accessSync, constants, statSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { UserError } from "./errors.js";

/** Write `data` to `path` atomically: readers see the old file or the new one, never a part. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(temp, data, { flush: true });
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** One JSON value per line, written atomically. */
export function writeJsonlAtomic(path: string, values: Iterable<unknown>): Promise<void> {
  let text = "";
  for (const v of values) text += JSON.stringify(v) + "\n";
  return writeFileAtomic(path, text);
}

/**
 * Throw a `UserError` naming `flag` unless a file can be written at `path`: its folder exists and is
 * writable, and the path is not a directory. Run before the work that produces the file.
 */
export function checkOutputFile(path: string, flag: string): void {
  const full = resolve(path);
  const info = statOrUndefined(full);
  if (info?.isDirectory()) throw new UserError(`${flag} ${path}: is a directory; give a file path`);
  const dir = dirname(full);
  const dirInfo = statOrUndefined(dir);
  if (!dirInfo) throw new UserError(`${flag} ${path}: folder ${dir} does not exist`);
  if (!dirInfo.isDirectory()) throw new UserError(`${flag} ${path}: ${dir} is not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UserError(`${flag} ${path}: cannot write in ${dir}`);
  }
}

/** Like `checkOutputFile` for an output folder: it exists and is writable, or its nearest existing parent is. */
export function checkOutputDir(path: string, flag: string): void {
  let dir = resolve(path);
  let info = statOrUndefined(dir);
  while (!info && dirname(dir) !== dir) {
    dir = dirname(dir);
    info = statOrUndefined(dir);
  }
  if (info && !info.isDirectory()) throw new UserError(`${flag} ${path}: ${dir} is not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UserError(`${flag} ${path}: cannot write in ${dir}`);
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
