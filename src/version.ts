// The package version, read once from package.json next to dist/ or src/.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

/** Repository/package root (the folder holding package.json, models/ and data/). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The fields of package.json the program reads. */
export const PACKAGE = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string; homepage?: string };

export const VERSION: string = PACKAGE.version;
