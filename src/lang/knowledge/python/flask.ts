// Flask and Werkzeug: request members, templates from strings, files, redirects, responses, helpers.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const flask: KnowledgeFamily = {
  family: "flask",
  sources: [
    ...["args", "form", "values", "json", "data", "get_json", "get_data", "view_args", "stream", "path", "full_path", "url", "base_url", "query_string"].map((m) => ({
      pattern: `request.${m}`,
      concept: "request" as const,
      member: true,
    })),
    ...["headers", "cookies", "remote_addr", "environ"].map((m) => ({ pattern: `request.${m}`, concept: "request-header" as const, member: true })),
    { pattern: "request.files", concept: "upload", member: true },
  ],
  sinks: [
    { callee: "render_template_string", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "flask.render_template_string", concept: "template-eval", args: [0], cwe: "CWE-1336" },
    { callee: "send_file", concept: "file-path", args: [0] },
    { callee: "flask.send_file", concept: "file-path", args: [0] },
    { callee: "make_response", concept: "html-output", args: [0] },
    { callee: "Response", concept: "html-output", args: [0] },
    { callee: "redirect", concept: "redirect", args: [0] },
    { callee: "flask.redirect", concept: "redirect", args: [0] },
    { callee: "jsonify", concept: "response" },
    { callee: "**.run", concept: "debug-mode", args: [], when: { keyword: "debug", value: /^True$/ } },
  ],
  guards: [
    { callee: "secure_filename", concept: "path-sanitize" },
    { callee: "werkzeug.utils.secure_filename", concept: "path-sanitize" },
    { callee: "safe_join", concept: "path-containment" },
    { callee: "werkzeug.security.safe_join", concept: "path-containment" },
    { callee: "send_from_directory", concept: "path-containment", cleans: false },
    { callee: "check_password_hash", concept: "password-hash", cleans: false },
    { callee: "generate_password_hash", concept: "password-hash" },
    { callee: "abort", concept: "authz", cleans: false },
    { callee: "**.validate_csrf", concept: "csrf", cleans: false },
    { callee: "CSRFProtect", concept: "csrf", cleans: false },
    { callee: "csrf.protect", concept: "csrf", cleans: false },
  ],
};
