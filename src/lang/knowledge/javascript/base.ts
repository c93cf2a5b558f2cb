// What JavaScript fixes whatever the library: parameter roles, Node-style callbacks, promises, middleware names.
import type { LanguageBase } from "../KnowledgeRows.js";

export const base: LanguageBase = {
  guardDecorators: [
    { name: /auth(enticat|_?required|guard)|requireAuth|isAuth|checkAuth|verifyAuth|ensureLoggedIn|isLoggedIn|requireLogin|requireUser|passport|jwt|verifyToken|session|login/i, concept: "authn" },
    { name: /admin|role|permi|authori[sz]|owner|can[A-Z]|requireScope|acl|guard/i, concept: "authz" },
    { name: /csrf|csurf/i, concept: "csrf" },
    { name: /limit|throttle/i, concept: "rate-limit" },
  ],
  riskDecorators: [{ name: /csrf.*(ignore|skip|exempt|disable)|(skip|ignore|disable).*csrf/i, concept: "csrf-disabled" }],
  requestParams: /^(req|request|ctx)$/,
  untaintedParams: /^(res|response|next|reply|this|app|db|logger|err|error|context)$/,
  namedHandlers: [
    // AWS Lambda (and Netlify/Vercel functions in the same shape): `exports.handler = async (event, context) =>`.
    { name: /^((module\.)?exports\.)?handler$/, firstParam: /^(event|evt|e)$/, roles: ["event", "context"], note: "event read as a serverless event (handler signature)" },
    // Azure Functions: `module.exports = async function (context, req)`.
    { name: /^module\.exports$/, firstParam: /^context$/, roles: ["context", "req"], note: "req read as an Azure Functions request (handler signature)" },
    // Google Cloud Functions and other exported (req, res) functions.
    { name: /^(module\.)?exports\.\w+$/, firstParam: /^req(uest)?$/, roles: ["req", "res"], note: "req read as an HTTP request (exported (req, res) handler)" },
    // Next.js route handlers: `export async function GET(request, { params })`.
    { name: /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/, roles: ["request", "route"], note: "request read as a Next.js route handler's request" },
  ],
  // A helper's parameter is read by its role, never by its name: `db` or `res` renamed is the same value.
  trustedParamNames: /^this$/,
  // Koa: a handler whose first parameter is used like a context object.
  contextHandler: { roles: ["ctx", "next"], firstParamUse: /^\s*\.\s*(request|state|throw|cookies|status\s*=|body\s*=|redirect)\b/ },
  // Next.js API routes: the module's default-exported function is (req, res).
  defaultExportHandler: ["req", "res"],
  // Names pasted snippets use for modules without their `require`/`import` (`cp.exec(cmd)`).
  assumedModules: {
    cp: ["child_process"],
    childProcess: ["child_process"],
    child_process: ["child_process"],
    exec: ["child_process", "exec"],
    execSync: ["child_process", "execSync"],
    spawn: ["child_process", "spawn"],
    spawnSync: ["child_process", "spawnSync"],
    execFile: ["child_process", "execFile"],
    shell: ["shelljs"],
    fsPromises: ["fs", "promises"],
  },
  callbackParams: [
    // Node-style database and file callbacks: (err, rows/data, fields).
    { callee: "**.query", roles: ["err", "rows", "fields"] },
    { callee: "**.execute", roles: ["err", "rows", "fields"] },
    { callee: "**.all", roles: ["err", "rows"] },
    { callee: "**.get", roles: ["err", "row"] },
    { callee: "**.run", roles: ["err"] },
    { callee: "**.each", roles: ["err", "row"] },
    { callee: "fs.*", roles: ["err", "data"] },
    { callee: "**.connect", roles: ["err", "db", "release"] },
    { callee: "**.getConnection", roles: ["err", "db"] },
    { callee: "**.hash", roles: ["err", "data"] },
    { callee: "**.compare", roles: ["err", "data"] },
    { callee: "**.verify", roles: ["err", "data"] },
    { callee: "**.sign", roles: ["err", "data"] },
    { callee: "**.randomBytes", roles: ["err", "data"] },
    { callee: "**.pbkdf2", roles: ["err", "data"] },
    { callee: "**.scrypt", roles: ["err", "data"] },
    { callee: "**.exec", roles: ["err", "stdout", "stderr"] },
    { callee: "**.execFile", roles: ["err", "stdout", "stderr"] },
    // Promises: the settled value is whatever was awaited, an error is an error.
    { callee: "**.then", roles: ["value"] },
    { callee: "**.catch", roles: ["err"] },
    { callee: "**.finally", roles: [] },
    // Events: a server's request callback is (req, res); an error event passes the error.
    { callee: "http.createServer", roles: ["req", "res"] },
    { callee: "https.createServer", roles: ["req", "res"] },
    { callee: "**.listen", roles: ["err"] },
  ],
  // `/…/.test(s)` and `s.match(/…/)` accept a value that contains a match unless the pattern has `^…$`.
  patternCalls: [
    { callee: "**.test", pattern: "receiver", anchors: "both" },
    { callee: "**.match", pattern: 0, anchors: "both" },
  ],
  // The whole environment (not one variable of it), a Sequelize record's raw values, an upstream service's
  // body passed through (`fetch(u)` … `r.json()`, `axios.get(u)` … `r.data`).
  wholeRecord: /\bprocess\.env\b(?!\s*(\?\.|\.|\[))|\.dataValues\b(?!\s*(\?\.|\.|\[))|\bfetch\([\s\S]*\)\.json\(\)(?!\s*[.[?])|\b(axios|got)(\.\w+)?\([\s\S]*\)\.(data\b|body\b|json\(\))(?!\s*[.[?])/,
};
