// Errors meant for the user: a clear one-line message and an exit code (2 unless said otherwise).

/** A configuration or input problem the user can fix; printed as is, exits with `code`. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: number = 2,
  ) {
    super(message);
    this.name = "UserError";
  }
}
