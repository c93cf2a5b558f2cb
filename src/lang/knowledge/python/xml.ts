// XML parsers: lxml, xml.etree, xml.dom, xml.sax; defusedxml as the safe parser.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const xml: KnowledgeFamily = {
  family: "xml",
  sinks: [
    { callee: "lxml.etree.fromstring", concept: "xml-parse" },
    { callee: "etree.fromstring", concept: "xml-parse" },
    ...["parse", "XML", "iterparse"].map((f) => ({ callee: `lxml.etree.${f}`, concept: "xml-parse" as const, args: [0] })),
    // The standard library's expat parsers resolve no external entities (Python ≥ 3.7.1) but expand internal
    // ones without bound: untrusted XML can exhaust memory (billion laughs). defusedxml's same names refuse both.
    ...["fromstring", "parse", "XML", "iterparse", "XMLParser"].map((f) => ({ callee: `xml.etree.ElementTree.${f}`, concept: "xml-entity-expansion" as const, args: [0] })),
    ...["fromstring", "parse", "XML", "iterparse"].map((f) => ({ callee: `xml.etree.cElementTree.${f}`, concept: "xml-entity-expansion" as const, args: [0] })),
    ...["parse", "parseString"].flatMap((f) => [
      { callee: `xml.dom.minidom.${f}`, concept: "xml-entity-expansion" as const, args: [0] },
      { callee: `xml.dom.pulldom.${f}`, concept: "xml-entity-expansion" as const, args: [0] },
      { callee: `xml.sax.${f}`, concept: "xml-entity-expansion" as const, args: [0] },
    ]),
    { callee: "xmlrpc.client.loads", concept: "xml-entity-expansion", args: [0] },
    // XPath built from input; `$name` variables passed as keywords keep the expression constant.
    { callee: "**.xpath", concept: "xpath", args: [0] },
    { callee: "lxml.etree.XPath", concept: "xpath", args: [0] },
    { callee: "etree.XPath", concept: "xpath", args: [0] },
    { callee: "lxml.etree.ETXPath", concept: "xpath", args: [0] },
  ],
  guards: [
    { callee: "xml.sax.saxutils.escape", concept: "escape" },
    { callee: "defusedxml.defuse_stdlib", concept: "safe-loader", cleans: false },
  ],
};
