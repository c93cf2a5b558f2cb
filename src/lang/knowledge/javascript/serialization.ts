// Deserialisers that can run code: node-serialize, funcster, js-yaml's full schema; libxmljs with entities on.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const serialization: KnowledgeFamily = {
  family: "serialization",
  sinks: [
    { callee: "node-serialize.unserialize", concept: "deserialize" },
    { callee: "serialize.unserialize", concept: "deserialize" },
    { callee: "**.unserialize", concept: "deserialize" },
    { callee: "funcster.deepDeserialize", concept: "deserialize" },
    // serialize-javascript with `unsafe: true` leaves `</script>` and friends unescaped in the output.
    { callee: "serialize-javascript", concept: "html-output", args: [0], when: { keyword: "unsafe", value: /^true$/ } },
    { callee: "js-yaml.load", concept: "deserialize", args: [0], unless: { keyword: "schema", value: /SAFE|JSON|CORE|DEFAULT_SAFE/ } },
    { callee: "yaml.load", concept: "deserialize", args: [0], unless: { keyword: "schema", value: /SAFE|JSON|CORE/ } },
    { callee: "libxmljs.parseXml", concept: "xml-parse", when: { keyword: "noent", value: /^true$/ } },
    { callee: "libxmljs.parseXmlString", concept: "xml-parse", when: { keyword: "noent", value: /^true$/ } },
    { callee: "libxmljs2.parseXml", concept: "xml-parse", when: { keyword: "noent", value: /^true$/ } },
    { callee: "libxmljs2.parseXmlString", concept: "xml-parse", when: { keyword: "noent", value: /^true$/ } },
    // vm2 sandboxes have been escaped (the project is discontinued): code from input runs on the host.
    { callee: "vm2.VM.run", concept: "code-eval", args: [0] },
    { callee: "vm2.NodeVM.run", concept: "code-eval", args: [0] },
    { callee: "VM.run", concept: "code-eval", args: [0] },
    { callee: "NodeVM.run", concept: "code-eval", args: [0] },
  ],
};
