// ssl.wrap_socket (deprecated in Python 3.7, removed in 3.12) without `ssl_version` uses PROTOCOL_TLS, which
// before Python 3.10 still accepts TLS 1.0 and 1.1 (and it verifies no certificate unless `cert_reqs` says
// so). Contexts made with `ssl.SSLContext(PROTOCOL_TLS)` and restricted afterwards (`options |=
// OP_NO_TLSv1`, `minimum_version = …`) are left alone: a row cannot see the later restriction.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const sslDefaults: KnowledgeFamily = {
  family: "ssl-defaults",
  sinks: [{ callee: "ssl.wrap_socket", concept: "weak-crypto", args: [], unless: { keyword: "ssl_version", value: /./ } }],
};
