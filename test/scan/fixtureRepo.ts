// Copies the fixture repository to a temporary folder and adds what git cannot keep (ignored and vendored files).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURE = fileURLToPath(new URL("../fixtures/scan-repo", import.meta.url));

export interface Planted {
  file: string;
  line: number;
  cwe: string;
  reason?: string;
}

export interface Expected {
  findings: Planted[];
  suppressed: Planted[];
  skipped: Array<{ path: string; reason: string; incomplete: boolean }>;
}

export const EXPECTED: Expected = JSON.parse(readFileSync(join(FIXTURE, "EXPECTED.json"), "utf8"));

/** A fresh copy of the fixture repository; call `remove()` when done. */
export function fixtureCopy(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "cwescope-scan-"));
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(join(dir, "node_modules", "left-pad"), { recursive: true });
  writeFileSync(join(dir, "node_modules", "left-pad", "index.js"), "module.exports = (req) => eval(req.query.code);\n");
  writeFileSync(join(dir, "local_settings.py"), 'import os\n\n\ndef run(cmd):\n    os.system("sh -c " + cmd)\n');
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(join(dir, "assets", "blob.js"), Buffer.from([0x76, 0x61, 0x72, 0x00, 0x01, 0x02, 0x0a]));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
