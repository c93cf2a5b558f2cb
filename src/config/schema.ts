// The project configuration file's contract (`.cwescope.yml`, `[tool.cwescope]`, package.json `cwescope`): kebab-case keys, as the flags.
import { z } from "zod";
import { isKnownCwe, parseCweId } from "../cwe/catalog.js";

export const SEVERITY_FLOORS = ["low", "medium", "high", "critical"] as const;
export const FAIL_ON = ["any", ...SEVERITY_FLOORS] as const;
/** What findings in tests and fixtures become: reported at a lowered severity (`lower`), or left out (`ignore`). */
export const TEST_POLICIES = ["lower", "ignore"] as const;
export type TestPolicy = (typeof TEST_POLICIES)[number];

/** A CWE as `CWE-89`, `cwe-89` or `89`; read to `CWE-<n>`, and refused when it is not in the catalog. */
const cweId = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const id = parseCweId(value);
  if (!id || !isKnownCwe(id)) {
    ctx.addIssue({ code: "custom", message: `"${value}" is not a CWE cwescope knows (see \`cwescope cwes --all\`)` });
    return z.NEVER;
  }
  return id;
});

/** CWEs on or off: `only` keeps just these, `ignore` drops these. */
const cweSwitch = z.strictObject({
  only: z.array(cweId).optional(),
  ignore: z.array(cweId).optional(),
});

const PROBABILITY = "expected a number from 0 to 1";
const probability = z.number({ error: PROBABILITY }).min(0, PROBABILITY).max(1, PROBABILITY);
const WHOLE = "expected a whole number >= 1";
const positiveInt = z.number({ error: WHOLE }).int(WHOLE).min(1, WHOLE);

/** One per-path override: gitignore-style patterns (relative to the config file) and what changes under them. */
export const OverrideSchema = z.strictObject({
  paths: z.array(z.string().min(1)).min(1),
  cwes: cweSwitch.optional(),
  severity: z.enum(SEVERITY_FLOORS).optional(),
  tests: z.enum(TEST_POLICIES).optional(),
});
export type Override = z.infer<typeof OverrideSchema>;

/** Every key a configuration file may set. Unknown keys are errors, so a typo never passes silently. */
export const ConfigFileSchema = z.strictObject({
  paths: z.array(z.string().min(1)).min(1).optional(),
  root: z.string().min(1).optional(),
  include: z.array(z.string().min(1)).optional(),
  exclude: z.array(z.string().min(1)).optional(),
  gitignore: z.boolean().optional(),
  "scan-vendored": z.boolean().optional(),
  "max-file-bytes": positiveInt.optional(),
  model: z.string().min(1).optional(),
  confirm: z.string().min(1).optional(),
  threshold: probability.optional(),
  "triage-threshold": probability.optional(),
  "base-url": z.url().optional(),
  "api-key-env": z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable's name").optional(),
  concurrency: positiveInt.optional(),
  jobs: positiveInt.optional(),
  severity: z.enum(SEVERITY_FLOORS).optional(),
  "fail-on": z.enum(FAIL_ON).optional(),
  "allow-incomplete": z.boolean().optional(),
  baseline: z.string().min(1).optional(),
  "diff-base": z.string().min(1).optional(),
  cwes: cweSwitch.optional(),
  tests: z.enum(TEST_POLICIES).optional(),
  overrides: z.array(OverrideSchema).optional(),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;
export type SettingKey = keyof ConfigFile;
