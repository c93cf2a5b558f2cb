// Where a file sits in a project, read from its path: tests, fixtures, migrations, examples and docs report lower.

export const FILE_CONTEXTS = ["code", "test", "fixture", "migration", "example", "docs"] as const;
export type FileContext = (typeof FILE_CONTEXTS)[number];

/** Path patterns per context, first match wins; matched against the path relative to the scan root, `/`-separated. */
const PATTERNS: [FileContext, RegExp][] = [
  ["migration", /(^|\/)(migrations?|alembic|db\/migrate)\//i],
  ["fixture", /(^|\/)(fixtures?|__fixtures__|testdata|test[-_]data|mocks?|__mocks__|stubs?)\//i],
  ["test", /(^|\/)(tests?|__tests__|spec|specs|e2e|cypress)\/|(^|\/)(test_[^/]*\.py|[^/]*_test\.py|conftest\.py|[^/]*\.(test|spec)\.[cm]?[jt]sx?)$/i],
  ["example", /(^|\/)(examples?|samples?|demos?|playground|benchmarks?)\//i],
  ["docs", /(^|\/)(docs?|documentation)\//i],
];

export function fileContext(rel: string): FileContext {
  for (const [context, pattern] of PATTERNS) if (pattern.test(rel)) return context;
  return "code";
}

/** How much a context lowers a finding's severity: code that does not ship, or ships as an illustration. */
export const CONTEXT_FACTOR: Record<FileContext, number> = { code: 1, test: 0.5, fixture: 0.5, migration: 0.6, example: 0.6, docs: 0.5 };
