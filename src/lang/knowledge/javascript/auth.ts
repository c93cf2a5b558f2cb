// Tokens, password hashes and permission checks: jsonwebtoken, bcrypt, argon2, crypto's constant-time compare.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const auth: KnowledgeFamily = {
  family: "auth",
  sinks: [
    { callee: "jwt.decode", concept: "token-decode" },
    { callee: "jsonwebtoken.decode", concept: "token-decode" },
    // jose: decodeJwt reads the claims without checking the signature.
    { callee: "jose.decodeJwt", concept: "token-decode" },
  ],
  guards: [
    { callee: "**.digest", concept: "escape" },
    { callee: "crypto.timingSafeEqual", concept: "constant-time-compare", cleans: false },
    { callee: "bcrypt.compare", concept: "password-hash", cleans: false },
    { callee: "bcrypt.hash", concept: "password-hash" },
    { callee: "argon2.verify", concept: "password-hash", cleans: false },
    { callee: "jwt.verify", concept: "authn", cleans: false },
    { callee: "**.hasPermission", concept: "authz", cleans: false },
    { callee: "**.can", concept: "authz", cleans: false },
  ],
};
