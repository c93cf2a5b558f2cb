// Logging to stderr (data goes to stdout), honouring --quiet, --verbose and NO_COLOR.
export type Verbosity = "quiet" | "normal" | "verbose";

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
  readonly color: boolean;
  readonly verbosity: Verbosity;
}

/** Whether colour may be used on a stream: a TTY, and NO_COLOR unset or empty (https://no-color.org). */
export function useColor(stream: NodeJS.WriteStream = process.stderr): boolean {
  const noColor = process.env.NO_COLOR;
  return Boolean(stream.isTTY) && (noColor === undefined || noColor === "") && process.env.TERM !== "dumb";
}

export function createLogger(verbosity: Verbosity = "normal", stream: NodeJS.WritableStream = process.stderr): Logger {
  const color = useColor(stream as NodeJS.WriteStream);
  const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  const write = (text: string) => stream.write(text + "\n");
  return {
    color,
    verbosity,
    info: (m) => verbosity !== "quiet" && write(m),
    warn: (m) => verbosity !== "quiet" && write(paint("33", "warning: ") + m),
    error: (m) => write(paint("31", "error: ") + m),
    debug: (m) => verbosity === "verbose" && write(paint("2", m)),
  };
}
