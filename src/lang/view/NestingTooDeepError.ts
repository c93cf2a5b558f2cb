// A unit whose syntax nests deeper than the view can walk: reported, never read as clean.

/** Deepest syntax tree (in levels below a unit's node) the view walks; deeper code is refused with this error. */
export const MAX_NESTING = 1000;

export class NestingTooDeepError extends Error {
  constructor(
    /** The file, when the unit came from one. */
    readonly file: string | undefined,
    /** 1-based line where the unit starts. */
    readonly line: number,
    readonly depth: number,
  ) {
    super(`${file ?? "<snippet>"}:${line}: code nested ${depth} levels deep (the limit is ${MAX_NESTING}); this unit was not analysed`);
    this.name = "NestingTooDeepError";
  }
}
