// XML parsers: lxml, xml.etree, xml.dom, xml.sax; defusedxml as the safe parser.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const xml: KnowledgeFamily = {
  family: "xml",
  sinks: [
    { callee: "lxml.etree.fromstring", concept: "xml-parse" },
    { callee: "etree.fromstring", concept: "xml-parse" },
  ],
  guards: [{ callee: "xml.sax.saxutils.escape", concept: "escape" }],
};
