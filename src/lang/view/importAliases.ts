// Import statements → local name aliases (`import subprocess as sp`, `const { exec } = require("child_process")`).
import { field, type SyntaxNode } from "./SyntaxNode.js";

/** The text of a string literal without its quotes. */
export function stringValue(text: string): string {
  return text.replace(/^[`'"]|[`'"]$/g, "");
}

export function importAliases(node: SyntaxNode, src: (n: SyntaxNode) => string, aliases: Map<string, string[]>): void {
  const python = node.type === "import_from_statement" || !field(node, "source");
  if (node.type === "import_from_statement") {
    const mod = field(node, "module_name");
    const modPath = mod ? src(mod).split(".") : [];
    for (const c of node.children) {
      if (c.field !== "name") continue;
      if (c.type === "aliased_import") {
        const n = field(c, "name"), a = field(c, "alias");
        if (n && a) aliases.set(src(a), [...modPath, ...src(n).split(".")]);
      } else aliases.set(src(c), [...modPath, ...src(c).split(".")]);
    }
  } else if (python) {
    for (const c of node.children) {
      if (c.type === "aliased_import") {
        const n = field(c, "name"), a = field(c, "alias");
        if (n && a) aliases.set(src(a), src(n).split("."));
      }
    }
  } else {
    const source = field(node, "source");
    const mod = source ? stringValue(src(source)) : "";
    bindModule(node, mod, src, aliases);
  }
}

/** `import x, { a as b } from "m"` / `import * as x from "m"` / `const { a } = require("m")` → aliases. */
export function bindModule(node: SyntaxNode, mod: string, src: (n: SyntaxNode) => string, aliases: Map<string, string[]>): void {
  for (const c of node.children) {
    if (c.type === "identifier" || c.type === "shorthand_property_identifier_pattern") {
      aliases.set(src(c), c.parent?.type === "object_pattern" ? [mod, src(c)] : [mod]);
    } else if (c.type === "import_specifier") {
      const n = field(c, "name"), a = field(c, "alias");
      if (n) aliases.set(src(a ?? n), [mod, src(n)]);
    } else if (c.type === "pair_pattern") {
      const k = field(c, "key"), v = field(c, "value");
      if (k && v) aliases.set(src(v), [mod, src(k)]);
    } else if (c.type === "import_clause" || c.type === "named_imports" || c.type === "namespace_import" || c.type === "object_pattern") {
      bindModule(c, mod, src, aliases);
    }
  }
}
