// Exit codes of the CLI; UserError is the error type every layer throws for user-fixable problems.
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;
export { UserError as CliError } from "../util/errors.js";
