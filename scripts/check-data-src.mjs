#!/usr/bin/env node
// Kept for old habits: the authoring checks now live in `cwescope data lint` (src/data/lintSources.ts,
// label-leak rules in src/data/leakage.ts). Needs a build (`npm run build`).
// Usage: node scripts/check-data-src.mjs data/src/python/CWE-89.yaml [...more files]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/cwescope.js", import.meta.url));
const r = spawnSync(process.execPath, [bin, "data", "lint", ...process.argv.slice(2)], { stdio: "inherit" });
process.exitCode = r.status ?? 2;
