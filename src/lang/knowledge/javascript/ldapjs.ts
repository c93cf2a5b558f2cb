// ldapjs: search filters and DNs built from input; ldap-escape.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const ldapjs: KnowledgeFamily = {
  family: "ldapjs",
  sinks: [
    // client.search(base, { filter, scope }, cb): only a call with a `filter` option is an LDAP search.
    { callee: "**.search", concept: "ldap", args: [0], keywords: ["filter"], when: { keyword: "filter", value: /./ } },
    { callee: "ldapjs.parseFilter", concept: "ldap", args: [0] },
    { callee: "ldap.parseFilter", concept: "ldap", args: [0] },
  ],
  guards: [
    { callee: "ldap-escape.filter", concept: "escape" },
    { callee: "ldap-escape.dn", concept: "escape" },
    { callee: "ldapEscape.filter", concept: "escape" },
    { callee: "ldapEscape.dn", concept: "escape" },
    { callee: "escapeFilter", concept: "escape" },
  ],
};
