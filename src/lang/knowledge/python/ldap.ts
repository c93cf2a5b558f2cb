// LDAP: python-ldap's search_* and ldap3's Connection.search with filters built from input; the escapers.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

/** An LDAP filter's text: `(attr=…)`, possibly inside `(&…)`/`(|…)`. */
const FILTER = /\(\s*[&|!]?\s*\(?\s*[\w.-]+\s*[~<>]?=/;

export const ldap: KnowledgeFamily = {
  family: "ldap",
  sinks: [
    ...["search", "search_s", "search_st", "search_ext", "search_ext_s"].map((m) => ({ callee: `**.${m}`, concept: "ldap" as const, args: [0, 2], keywords: ["base", "filterstr"], whenArg: { index: 2, value: FILTER } })),
    // ldap3: conn.search(search_base, search_filter, …)
    { callee: "**.search", concept: "ldap", args: [0, 1], keywords: ["search_base", "search_filter"], whenArg: { index: 1, value: FILTER } },
    { callee: "**.search", concept: "ldap", args: [], keywords: ["search_base", "search_filter"], when: { keyword: "search_filter", value: /./ } },
  ],
  guards: [
    { callee: "ldap.filter.escape_filter_chars", concept: "escape" },
    { callee: "escape_filter_chars", concept: "escape" },
    { callee: "ldap.filter.filter_format", concept: "escape" },
    { callee: "filter_format", concept: "escape" },
    { callee: "ldap.dn.escape_dn_chars", concept: "escape" },
    { callee: "escape_dn_chars", concept: "escape" },
    { callee: "ldap3.utils.conv.escape_filter_chars", concept: "escape" },
    { callee: "ldap3.utils.dn.escape_rdn", concept: "escape" },
    { callee: "escape_rdn", concept: "escape" },
  ],
};
