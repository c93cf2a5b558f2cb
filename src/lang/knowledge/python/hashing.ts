// Weak hashes, ciphers, keys and randomness: hashlib, random, cryptography, PyCryptodome, ssl, paramiko, tempfile.
// Learned from the library documentation (hashlib `usedforsecurity`, cryptography hazmat modes/algorithms,
// PyCryptodome `MODE_ECB`, ssl `PROTOCOL_*`, paramiko `AutoAddPolicy`, tempfile `mktemp`).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

/** A call that hashes or derives from a password: the hash must be slow and salted (CWE-916). */
const PASSWORD = [{ text: /pass(word|wd|phrase)?\b|pwd|passwd/i, cwe: "CWE-916" }];
/** Names of values that must be unpredictable. */
const SECRET_USE = /token|secret|passw|pwd|nonce|salt|otp|csrf|api_?key|session_?(id|key)|reset|verification_?code|pin\b/i;

export const hashing: KnowledgeFamily = {
  family: "hashing",
  sinks: [
    ...["md5", "sha1", "md4"].map((h) => ({ callee: `hashlib.${h}`, concept: "weak-hash" as const, args: [0], unless: { keyword: "usedforsecurity", value: /^False$/ }, refine: PASSWORD })),
    { callee: "hashlib.new", concept: "weak-hash", args: [1], whenArg: { index: 0, value: /md5|sha1\b|md4|ripemd/i }, unless: { keyword: "usedforsecurity", value: /^False$/ }, refine: PASSWORD },
    // A fast hash is a weak password hash whatever its strength.
    ...["sha224", "sha256", "sha384", "sha512", "sha3_256", "sha3_512", "blake2b", "blake2s"].map((h) => ({
      callee: `hashlib.${h}`, concept: "weak-hash" as const, args: [0], context: { near: PASSWORD[0].text }, cwe: "CWE-916",
    })),
    ...["Crypto", "Cryptodome"].flatMap((pkg) => ["MD5", "SHA1", "MD4"].map((h) => ({ callee: `${pkg}.Hash.${h}.new`, concept: "weak-hash" as const, refine: PASSWORD }))),
    ...["MD5", "SHA1"].map((h) => ({ callee: `cryptography.hazmat.primitives.hashes.${h}`, concept: "weak-hash" as const, args: [] })),
    ...["MD5", "SHA1"].map((h) => ({ callee: `hashes.${h}`, concept: "weak-hash" as const, args: [] })),
    // Ciphers: broken algorithms, ECB, a constant IV; PyCryptodome and cryptography's hazmat layer.
    // PyCryptodome installs as `Crypto` (pycryptodome) or `Cryptodome` (pycryptodomex).
    ...["Crypto", "Cryptodome"].flatMap((pkg) => [
      ...["DES", "DES3", "ARC2", "ARC4", "Blowfish", "CAST", "XOR"].map((c) => ({ callee: `${pkg}.Cipher.${c}.new`, concept: "weak-crypto" as const, args: [] })),
      { callee: `${pkg}.Cipher.AES.new`, concept: "weak-crypto" as const, args: [], whenArg: { index: 1, value: /MODE_ECB/ } },
      { callee: `${pkg}.Cipher.AES.new`, concept: "weak-crypto" as const, args: [], whenArg: { index: 2, value: /^b?["']/ } },
    ]),
    { callee: "AES.new", concept: "weak-crypto", args: [], whenArg: { index: 1, value: /MODE_ECB/ } },
    // pyOpenSSL contexts for SSL 2/3 and TLS 1.0/1.1.
    { callee: "OpenSSL.SSL.Context", concept: "weak-crypto", args: [], whenArg: { index: 0, value: /(SSLv2|SSLv3|TLSv1|TLSv1_1)_METHOD$/ } },
    { callee: "SSL.Context", concept: "weak-crypto", args: [], whenArg: { index: 0, value: /(SSLv2|SSLv3|TLSv1|TLSv1_1)_METHOD$/ } },
    ...["TripleDES", "Blowfish", "ARC4", "IDEA", "CAST5", "SEED"].flatMap((c) => [
      { callee: `**.algorithms.${c}`, concept: "weak-crypto" as const, args: [] },
      { callee: `algorithms.${c}`, concept: "weak-crypto" as const, args: [] },
    ]),
    { callee: "**.modes.ECB", concept: "weak-crypto", args: [] },
    { callee: "modes.ECB", concept: "weak-crypto", args: [] },
    { callee: "**.modes.CBC", concept: "weak-crypto", args: [], whenArg: { index: 0, value: /^b["']/ } },
    // Keys under 2048 bits (RSA/DSA) by position; `key_size=` is a setting (tables/settings.ts).
    { callee: "Crypto.PublicKey.RSA.generate", concept: "small-key", args: [], whenArg: { index: 0, value: /^(512|768|1024|1536)$/ } },
    { callee: "Cryptodome.PublicKey.RSA.generate", concept: "small-key", args: [], whenArg: { index: 0, value: /^(512|768|1024|1536)$/ } },
    { callee: "RSA.generate", concept: "small-key", args: [], whenArg: { index: 0, value: /^(512|768|1024|1536)$/ } },
    { callee: "Crypto.PublicKey.DSA.generate", concept: "small-key", args: [], whenArg: { index: 0, value: /^(512|768|1024|1536)$/ } },
    // Randomness for a secret value: `random` is predictable, `secrets` is not.
    ...["random", "randint", "randrange", "choice", "choices", "sample", "getrandbits", "uniform", "shuffle"].map((f) => ({
      callee: `random.${f}`, concept: "weak-random" as const, args: [], context: { near: SECRET_USE },
    })),
    // TLS: old protocols, unverified contexts, hosts accepted unseen.
    { callee: "ssl.wrap_socket", concept: "weak-crypto", args: [], when: { keyword: "ssl_version", value: /SSLv|TLSv1(_1)?$/ } },
    { callee: "ssl.SSLContext", concept: "weak-crypto", args: [], whenArg: { index: 0, value: /PROTOCOL_(SSLv\d|TLSv1(_1)?)$/ } },
    { callee: "ssl._create_unverified_context", concept: "verify-off", args: [], cwe: "CWE-295" },
    { callee: "**.set_missing_host_key_policy", concept: "verify-off", args: [], whenArg: { index: 0, value: /AutoAddPolicy|WarningPolicy/ }, cwe: "CWE-295" },
    // Predictable temporary names: another user can create the file first.
    { callee: "tempfile.mktemp", concept: "temp-file", args: [] },
    { callee: "os.tempnam", concept: "temp-file", args: [] },
    { callee: "os.tmpnam", concept: "temp-file", args: [] },
    // Plain-text protocols carrying credentials.
    { callee: "ftplib.FTP", concept: "cleartext-transport", args: [] },
    { callee: "telnetlib.Telnet", concept: "cleartext-transport", args: [] },
  ],
  guards: [
    { callee: "hashlib.pbkdf2_hmac", concept: "password-hash" },
    { callee: "hashlib.scrypt", concept: "password-hash" },
    { callee: "argon2.PasswordHasher", concept: "password-hash", cleans: false },
  ],
};
