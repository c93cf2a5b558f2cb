// Hashes, tokens and password checks: hashlib, hmac, secrets, bcrypt, PyJWT.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const crypto: KnowledgeFamily = {
  family: "crypto",
  sinks: [{ callee: "jwt.decode", concept: "token-decode" }],
  guards: [
    { callee: "**.hexdigest", concept: "escape" },
    { callee: "hmac.compare_digest", concept: "constant-time-compare", cleans: false },
    { callee: "secrets.compare_digest", concept: "constant-time-compare", cleans: false },
    { callee: "**.verify", concept: "password-hash", cleans: false },
    { callee: "bcrypt.*", concept: "password-hash" },
  ],
};
