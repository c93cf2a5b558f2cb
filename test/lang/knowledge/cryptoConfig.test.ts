// Weak algorithms, keys, randomness and insecure settings: each is a candidate by its presence, with the CWE
// its context decides, and the correct use of the same API is none.
import { describe, expect, it } from "vitest";
import { useViews } from "../../helpers/viewOf.js";
import { flaggedCwes, hitsOf } from "./hits.js";

const { view } = useViews();

describe("hashes (CWE-328, CWE-916)", () => {
  it("reads MD5 of a password as a weak password hash, MD5 elsewhere as a weak hash", () => {
    const pyPassword = view("import hashlib\ndef store(password):\n    return hashlib.md5(password.encode()).hexdigest()", "python");
    const pyOther = view("import hashlib\ndef sign(message):\n    return hashlib.md5(message).hexdigest()", "python");
    const jsPassword = view("const crypto = require('crypto');\nfunction store(password) {\n  return crypto.createHash('md5').update(password).digest('hex');\n}", "javascript");
    const jsOther = view("const crypto = require('crypto');\nfunction sign(body) {\n  return crypto.createHash('sha1').update(body).digest('hex');\n}", "javascript");
    expect(flaggedCwes(pyPassword, "weak-hash")).toEqual(["CWE-916"]);
    expect(flaggedCwes(pyOther, "weak-hash")).toEqual(["CWE-328"]);
    expect(flaggedCwes(jsPassword, "weak-hash")).toEqual(["CWE-916"]);
    expect(flaggedCwes(jsOther, "weak-hash")).toEqual(["CWE-328"]);
  });

  it("reads a fast hash of a password as weak (CWE-916), and not a strong hash of a file or an MD5 not for security", () => {
    expect(flaggedCwes(view("import hashlib\ndef store(password):\n    digest = hashlib.sha256(password.encode()).hexdigest()\n    return digest", "python"), "weak-hash")).toEqual(["CWE-916"]);
    expect(hitsOf(view("import hashlib\ndef etag(data):\n    return hashlib.sha256(data).hexdigest()", "python"), "weak-hash")).toEqual([]);
    expect(hitsOf(view("import hashlib\ndef key(data):\n    return hashlib.md5(data, usedforsecurity=False).hexdigest()", "python"), "weak-hash")).toEqual([]);
    expect(hitsOf(view("const crypto = require('crypto');\nfunction etag(body) {\n  return crypto.createHash('sha256').update(body).digest('hex');\n}", "javascript"), "weak-hash")).toEqual([]);
  });
});

describe("ciphers and keys (CWE-327, CWE-326)", () => {
  it("flags DES, ECB mode, a constant IV and RSA keys under 2048 bits", () => {
    const des = view("from Crypto.Cipher import DES\ndef enc(key, data):\n    return DES.new(key, DES.MODE_CBC).encrypt(data)", "python");
    const ecb = view("from Crypto.Cipher import AES\ndef enc(key, data):\n    return AES.new(key, AES.MODE_ECB).encrypt(data)", "python");
    const hazmat = view("from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\ndef enc(key):\n    return Cipher(algorithms.AES(key), modes.ECB()).encryptor()", "python");
    const jsDes = view("const crypto = require('crypto');\nfunction enc(key, iv, data) {\n  return crypto.createCipheriv('des-cbc', key, iv).update(data);\n}", "javascript");
    const jsIv = view("const crypto = require('crypto');\nfunction enc(key, data) {\n  return crypto.createCipheriv('aes-256-cbc', key, Buffer.from('0000000000000000')).update(data);\n}", "javascript");
    for (const v of [des, ecb, hazmat, jsDes, jsIv]) expect(flaggedCwes(v, "weak-crypto")).toContain("CWE-327");
    const rsaPy = view("from cryptography.hazmat.primitives.asymmetric import rsa\ndef key():\n    return rsa.generate_private_key(public_exponent=65537, key_size=1024)", "python");
    const rsaJs = view("const crypto = require('crypto');\nfunction key() {\n  return crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });\n}", "javascript");
    for (const v of [rsaPy, rsaJs]) expect(flaggedCwes(v, "small-key")).toEqual(["CWE-326"]);
  });

  it("does not flag AES-GCM with a random IV nor a 2048-bit key", () => {
    const gcm = view("const crypto = require('crypto');\nfunction enc(key, data) {\n  const iv = crypto.randomBytes(12);\n  return crypto.createCipheriv('aes-256-gcm', key, iv).update(data);\n}", "javascript");
    const aes = view("from Crypto.Cipher import AES\ndef enc(key, data):\n    return AES.new(key, AES.MODE_GCM).encrypt_and_digest(data)", "python");
    const rsa = view("from cryptography.hazmat.primitives.asymmetric import rsa\ndef key():\n    return rsa.generate_private_key(public_exponent=65537, key_size=2048)", "python");
    expect(hitsOf(gcm, "weak-crypto")).toEqual([]);
    expect(hitsOf(aes, "weak-crypto")).toEqual([]);
    expect(hitsOf(rsa, "small-key")).toEqual([]);
  });
});

describe("randomness (CWE-338)", () => {
  it("flags a predictable generator for a token, not for anything else, and not `secrets`", () => {
    expect(flaggedCwes(view("function reset() {\n  const token = Math.random().toString(36).slice(2);\n  return token;\n}", "javascript"), "weak-random")).toEqual(["CWE-338"]);
    expect(flaggedCwes(view("import random\ndef reset():\n    reset_token = ''.join(random.choice('abcdef0123') for _ in range(32))\n    return reset_token", "python"), "weak-random")).toEqual(["CWE-338"]);
    expect(hitsOf(view("function jitter() {\n  const delay = Math.random() * 100;\n  return delay;\n}", "javascript"), "weak-random")).toEqual([]);
    expect(hitsOf(view("import secrets\ndef reset():\n    reset_token = secrets.token_urlsafe(32)\n    return reset_token", "python"), "weak-random")).toEqual([]);
  });
});

describe("verification switched off (CWE-295, CWE-347)", () => {
  it("reads TLS verification off as CWE-295 and token signature checks off as CWE-347", () => {
    const tls = view("import requests\ndef get(u):\n    return requests.get(u, verify=False)", "python");
    const node = view("const https = require('https');\nconst agent = new https.Agent({ rejectUnauthorized: false });", "javascript");
    const paramiko = view("import paramiko\ndef connect(host):\n    c = paramiko.SSHClient()\n    c.set_missing_host_key_policy(paramiko.AutoAddPolicy())\n    c.connect(host)", "python");
    const jwt = view("import jwt\ndef claims(token):\n    return jwt.decode(token, options={'verify_signature': False})", "python");
    for (const v of [tls, node, paramiko]) expect(flaggedCwes(v, "verify-off")).toContain("CWE-295");
    expect(flaggedCwes(jwt, "verify-off")).toContain("CWE-347");
  });

  it("does not flag verification left on", () => {
    expect(hitsOf(view("import requests\ndef get(u):\n    return requests.get(u, verify=True, timeout=5)", "python"), "verify-off")).toEqual([]);
    expect(hitsOf(view("import paramiko\ndef connect(host):\n    c = paramiko.SSHClient()\n    c.set_missing_host_key_policy(paramiko.RejectPolicy())", "python"), "verify-off")).toEqual([]);
  });
});

describe("cookies, CORS, temporary files and file modes", () => {
  it("flags cookies without `secure` (CWE-614) or `httpOnly` (CWE-1004), and not with both", () => {
    expect(flaggedCwes(view("app.get('/', (req, res) => {\n  res.cookie('sid', id);\n  res.end();\n});", "javascript"), "cookie-flags")).toEqual(["CWE-614"]);
    expect(flaggedCwes(view("app.get('/', (req, res) => {\n  res.cookie('sid', id, { secure: true });\n  res.end();\n});", "javascript"), "cookie-flags")).toEqual(["CWE-1004"]);
    expect(hitsOf(view("app.get('/', (req, res) => {\n  res.cookie('sid', id, { secure: true, httpOnly: true, sameSite: 'lax' });\n  res.end();\n});", "javascript"), "cookie-flags")).toEqual([]);
    expect(hitsOf(view("def login(resp, sid):\n    resp.set_cookie('sid', sid, secure=True, httponly=True)", "python"), "cookie-flags")).toEqual([]);
    expect(flaggedCwes(view("SESSION_COOKIE_SECURE = False\n", "python"), "cookie-flags")).toEqual(["CWE-614"]);
  });

  it("reads CORS for every origin as CWE-942, mktemp as CWE-377 and a world-writable mode as CWE-732", () => {
    expect(flaggedCwes(view("const cors = require('cors');\napp.use(cors({ origin: '*', credentials: true }));", "javascript"), "permissive-config")).toContain("CWE-942");
    expect(flaggedCwes(view("import tempfile\ndef scratch():\n    return open(tempfile.mktemp(), 'w')", "python"), "temp-file")).toEqual(["CWE-377"]);
    expect(hitsOf(view("import tempfile\ndef scratch():\n    return tempfile.mkstemp()", "python"), "temp-file")).toEqual([]);
    expect(flaggedCwes(view("import os\ndef share(p):\n    os.chmod(p, 0o777)", "python"), "permissive-config")).toContain("CWE-732");
  });
});
