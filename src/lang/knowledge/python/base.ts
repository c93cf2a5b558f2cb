// What Python fixes whatever the library: parameter roles, route-style handler calls, pattern tests, whole records.
import type { LanguageBase } from "../KnowledgeRows.js";

export const base: LanguageBase = {
  guardDecorators: [
    { name: /login_required|authenticated|auth_required|jwt_required|requires?_(auth|login|user|\w*token)|token_required|login_user|verify_\w*token|authenticate|IsAuthenticated/i, concept: "authn" },
    { name: /permission|role|admin|staff|superuser|authori[sz]|owner|can_|require_scope/i, concept: "authz" },
    { name: /csrf_protect|csrf/i, concept: "csrf" },
    { name: /require_POST|require_http_methods/i, concept: "csrf" },
    { name: /limiter|rate_limit|throttle/i, concept: "rate-limit" },
  ],
  riskDecorators: [{ name: /csrf_exempt|csrf\.exempt|exempt/i, concept: "csrf-disabled" }],
  // Flask, FastAPI, Starlette, Bottle and Sanic routes; DRF's `api_view`; websocket routes.
  handlers: ["**.route", "**.get", "**.post", "**.put", "**.delete", "**.patch", "api_view", "**.websocket"],
  // Names pasted snippets use for modules without their import (`sp.call(cmd, shell=True)`).
  assumedModules: {
    sp: ["subprocess"],
    ET: ["xml", "etree", "ElementTree"],
    ElementTree: ["xml", "etree", "ElementTree"],
    etree: ["lxml", "etree"],
    minidom: ["xml", "dom", "minidom"],
    np: ["numpy"],
    pd: ["pandas"],
  },
  requestParams: /^(request|req)$/,
  untaintedParams: /^(self|cls|app|db|session|config|settings|logger|conn|cursor)$/,
  // `match` anchors only the start of the value, `search` neither end; `fullmatch` always checks all of it.
  patternCalls: [
    { callee: "re.match", pattern: 0, anchors: "end" },
    { callee: "re.search", pattern: 0, anchors: "both" },
    { callee: "**.match", pattern: "receiver", anchors: "end" },
    { callee: "**.search", pattern: "receiver", anchors: "both" },
  ],
  // The whole environment (not one variable of it), an object's attribute dict, every column of a table, a
  // Django query's `.values()` with no field list, an upstream service's JSON passed through.
  wholeRecord: /\bos\.environ\b(?!\s*(\.\s*get\b|\[))|\.__dict__\b|\b__table__\.columns\b|\.objects\b[\s\S]*\.values\(\s*\)|\b(requests|httpx)\.\w+\([\s\S]*\)\.json\(\)(?!\s*[.[])/,
};
