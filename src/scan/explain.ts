// One sentence of why for a finding: what reached what, built how. Words per concept are data; unknown ones fall back to the CWE name.

/** What the sentence is made from: a finding's concept, flow facts and path (sink last). */
export interface FlowFacts {
  concept?: string;
  sources?: readonly string[];
  kinds?: readonly string[];
  path: readonly { text: string }[];
}

/** What a sink concept is, as a sentence's object ("reaches an SQL query"). */
const SINK_WORDS: Record<string, string> = {
  sql: "an SQL query",
  nosql: "a NoSQL query",
  ldap: "an LDAP query",
  xpath: "an XPath query",
  shell: "a shell command",
  spawn: "a started program's arguments",
  "code-eval": "code that is evaluated",
  "template-eval": "a template that is compiled",
  "dynamic-import": "a module name that is loaded",
  "file-path": "a file path",
  "file-write": "a file path that is written",
  "upload-save": "the name an upload is saved under",
  "http-request": "the URL of a server-side request",
  deserialize: "a deserialiser",
  "xml-parse": "an XML parser that resolves external entities",
  "html-output": "HTML sent to the browser",
  redirect: "a redirect target",
  alloc: "an allocation size",
  "loop-bound": "a loop bound",
  "object-lookup": "a record lookup by id",
  response: "the response body",
  "log-output": "a log entry",
  "header-write": "a response header",
  "regex-build": "a regular expression",
  "prototype-pollution": "an object's keys by path",
  "mass-assignment": "a record's fields",
};

/** Where the data came from, by source concept. */
const SOURCE_WORDS: Record<string, string> = {
  request: "Request data",
  "request-header": "A request header or cookie",
  upload: "An uploaded file",
  argv: "A command-line argument",
  env: "An environment variable",
  stdin: "Console input",
  "file-content": "File content",
  socket: "Network input",
  dom: "Browser-controlled data",
  param: "A parameter of the function",
  exception: "An exception's details",
  stored: "Data read back from storage",
};

const HOW: Record<string, string> = { concat: "built by concatenation", interpolation: "built by interpolation" };

/**
 * `Request data reaches an SQL query built by concatenation (cursor.execute)`; a finding without a source
 * (a setting, a literal, a missing check) says what the CWE says at that call.
 */
export function whyOf(f: FlowFacts, cweShortName: string): string {
  const sources = f.sources ?? [];
  const kinds = f.kinds ?? [];
  const object = f.concept ? SINK_WORDS[f.concept] : undefined;
  const sink = f.path.at(-1)?.text;
  const at = sink ? ` at \`${sink}\`` : "";
  const source = sources.map((s) => SOURCE_WORDS[s]).find(Boolean);
  if (!object || !source) return `${cweShortName}${at}.`;
  const how = kinds.map((k) => HOW[k]).find(Boolean);
  return `${source} reaches ${object}${how ? ` ${how}` : ""}${at}.`;
}
