// python-ldap's search calls with the filter passed by name: `search_s(base, scope, filterstr=f)` (the ldap
// family reads the filter by position only). `filterstr=` is python-ldap's own name for it.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const ldapKeywords: KnowledgeFamily = {
  family: "ldap-keywords",
  sinks: ["search", "search_s", "search_st", "search_ext", "search_ext_s"].map((m) => ({
    callee: `**.${m}`, concept: "ldap" as const, args: [0], keywords: ["base", "filterstr"], when: { keyword: "filterstr", value: /./ },
  })),
};
