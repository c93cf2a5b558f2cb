// Node's crypto and the npm hashes: weak hashes, ciphers, static IVs, small keys. Learned from Node's crypto
// documentation (`createHash(algorithm)`, `createCipheriv(algorithm, key, iv)`, `generateKeyPair(type, {modulusLength})`).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

/** Hashing a password with a fast hash is CWE-916 whatever the hash. */
const PASSWORD = /pass(word|wd|phrase)?|pwd/i;
const WEAK_HASH = /^["'`](md5|md4|sha1|sha-1|ripemd160|rmd160)["'`]$/i;
const WEAK_CIPHER = /^["'`](des|des-|des3|rc4|rc2|bf-|blowfish|cast|idea|seed|[\w-]*-ecb)/i;

export const crypto: KnowledgeFamily = {
  family: "crypto",
  sinks: [
    { callee: "crypto.createHash", concept: "weak-hash", args: [], whenArg: { index: 0, value: WEAK_HASH }, refine: [{ text: PASSWORD, cwe: "CWE-916" }] },
    { callee: "crypto.createHash", concept: "weak-hash", args: [], context: { near: PASSWORD }, cwe: "CWE-916" },
    { callee: "crypto.createHmac", concept: "weak-hash", args: [], whenArg: { index: 0, value: /^["'`](md5|md4)["'`]$/i } },
    { callee: "md5", concept: "weak-hash", refine: [{ text: PASSWORD, cwe: "CWE-916" }] },
    { callee: "sha1", concept: "weak-hash", refine: [{ text: PASSWORD, cwe: "CWE-916" }] },
    { callee: "CryptoJS.MD5", concept: "weak-hash", refine: [{ text: PASSWORD, cwe: "CWE-916" }] },
    { callee: "CryptoJS.SHA1", concept: "weak-hash", refine: [{ text: PASSWORD, cwe: "CWE-916" }] },
    { callee: "crypto-js.MD5", concept: "weak-hash", refine: [{ text: PASSWORD, cwe: "CWE-916" }] },
    { callee: "crypto-js.SHA1", concept: "weak-hash", refine: [{ text: PASSWORD, cwe: "CWE-916" }] },
    { callee: "crypto.createCipheriv", concept: "weak-crypto", args: [], whenArg: { index: 0, value: WEAK_CIPHER } },
    { callee: "crypto.createDecipheriv", concept: "weak-crypto", args: [], whenArg: { index: 0, value: WEAK_CIPHER } },
    // A constant IV makes equal plaintexts encrypt alike.
    { callee: "crypto.createCipheriv", concept: "weak-crypto", args: [], whenArg: { index: 2, value: /^["'`]|^Buffer\.(from|alloc)\(\s*["'`\d]/ } },
    // createCipher derives key and IV from a password with MD5 and no salt (deprecated in Node).
    { callee: "crypto.createCipher", concept: "weak-crypto", args: [] },
    { callee: "CryptoJS.DES.encrypt", concept: "weak-crypto", args: [] },
    { callee: "CryptoJS.TripleDES.encrypt", concept: "weak-crypto", args: [] },
    { callee: "CryptoJS.RC4.encrypt", concept: "weak-crypto", args: [] },
    { callee: "crypto.pseudoRandomBytes", concept: "weak-random", args: [] },
  ],
  guards: [
    { callee: "crypto.scrypt", concept: "password-hash" },
    { callee: "crypto.scryptSync", concept: "password-hash" },
    { callee: "crypto.pbkdf2", concept: "password-hash" },
    { callee: "crypto.pbkdf2Sync", concept: "password-hash" },
  ],
};
