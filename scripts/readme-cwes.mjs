#!/usr/bin/env node
// Rewrites the README's table of supported CWEs (between its two marker comments) from the catalog.
// Usage (after `npm run build`): node scripts/readme-cwes.mjs [--check]
//   --check: change nothing; exit 1 when the table is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { withSupportedCwesTable } from "../dist/cwe/supportedCwes.js";

const file = fileURLToPath(new URL("../README.md", import.meta.url));
const before = readFileSync(file, "utf8");
let after;
try {
  after = withSupportedCwesTable(before);
} catch (err) {
  console.error(`${file}: ${err.message}`);
  process.exit(2);
}
if (process.argv.includes("--check")) {
  if (after !== before) {
    console.error(`${file}: the supported-CWE table is stale; run node scripts/readme-cwes.mjs`);
    process.exit(1);
  }
} else if (after !== before) {
  writeFileSync(file, after);
  console.error(`${file}: supported-CWE table rewritten`);
}
