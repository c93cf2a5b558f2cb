// pathlib: every segment of `Path(a, b, …)` joins the path, and an absolute later segment replaces the ones
// before it (`Path("/srv", "/etc/passwd")` is `/etc/passwd`), so input in any position names the file.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

/** Every segment; listed before the filesystem family, whose `pathlib.Path` row reads only the first. */
const SEGMENTS = [0, 1, 2, 3, 4, 5];

export const pathlib: KnowledgeFamily = {
  family: "pathlib",
  sinks: ["Path", "PurePath", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath"].flatMap((c) => [
    { callee: `pathlib.${c}`, concept: "file-path" as const, args: SEGMENTS },
    { callee: c, concept: "file-path" as const, args: SEGMENTS },
  ]),
};
