// Reads settings (`key = value`, `key=value`, `{ key: value }`) and string literals: weakening or guarding
// settings, credentials in literals, sensitive fields handed out, SQL scoped to an owner.
import type { ApiTable } from "../tables/ApiTable.js";
import {
  looksLikeSecret, CURRENT_USER, GUARD_LIST_KEY, KEY_NAME, NOT_A_SECRET, PLACEHOLDER, SECRET_NAME, SECRET_TEXT, SENSITIVE_NAME, SQL_GRANT_PUBLIC, SQL_OWNER_SCOPE,
} from "../tables/conditions.js";
import { SETTINGS } from "../tables/settings.js";
import type { Findings } from "./Findings.js";
import { SUBSTITUTION } from "./nodeTypes.js";
import type { SyntaxNode } from "./SyntaxNode.js";
import { LITERAL } from "./Taint.js";
import type { ValueReader } from "./ValueReader.js";

const SECRET_CONTEXT = new Set(["argument_list", "arguments", "tuple", "array", "list", "comparison_operator", "binary_expression", "expression_list", "pattern_list"]);

export class SettingReader {
  constructor(
    private readonly table: ApiTable,
    private readonly values: ValueReader,
    private readonly findings: Findings,
  ) {}

  /** `key = value`, `key=value`, `{ key: value }`: settings that weaken or guard, and credentials in literals. */
  setting(key: SyntaxNode | undefined, value: SyntaxNode | undefined): void {
    if (!key || !value) return;
    const words = this.values.src(key).match(/[A-Za-z_$][\w$-]*/g);
    const name = words ? words[words.length - 1] : "";
    if (!name) return;
    const valueText = this.values.valueText(value);
    for (const rule of SETTINGS) {
      if (!rule.key.test(name) || !rule.value.test(valueText)) continue;
      if (rule.sink) this.findings.addSink(rule.sink, value, LITERAL, "none", false, [], rule.cwe);
      if (rule.guard) this.findings.guard(rule.guard);
    }
    if (GUARD_LIST_KEY.test(name)) {
      for (const g of this.table.guardDecorators) if (g.name.test(valueText)) this.findings.guard(g.concept);
    }
    this.valueSetting(key, value, valueText);
  }

  /**
   * What a value says whatever it is assigned to: read from the environment, or a credential in a literal
   * assigned to a name that says so or that looks random (`password = "…"`).
   */
  valueSetting(key: SyntaxNode, value: SyntaxNode, valueText: string): void {
    if (/^(os\.environ|os\.getenv|process\.env|env\(|config\(|getenv)/.test(valueText) || /(\.|^)(environ|getenv|env)\b/.test(valueText)) this.findings.guard("secret-from-env");
    if (value.type !== "string") return;
    const words = this.values.src(key).match(/[A-Za-z_$][\w$-]*/g);
    const name = words ? words[words.length - 1] : "";
    if (value.children.some((c) => c.type === "interpolation" || c.type === "template_substitution")) return;
    const literal = this.values.stringValue(value).replace(/^[rbuf]+["']|["']$/gi, "");
    const keyLike = KEY_NAME.test(name) && looksLikeSecret(literal);
    if (!keyLike && (!SECRET_NAME.test(name) || NOT_A_SECRET.test(literal) || PLACEHOLDER.test(literal) || namesItself(name, literal) || literal.length < 6 || /\s/.test(literal))) return;
    this.findings.addSink("secret-literal", value, LITERAL);
  }

  /** `key=value` / `key: value`: a setting, or a sensitive record field handed out under a key. */
  keyed(key: SyntaxNode | undefined, value: SyntaxNode | undefined): void {
    this.setting(key, value);
    if (!value || (value.type !== "attribute" && value.type !== "member_expression")) return;
    const last = this.values.path(value, false).pop() ?? "";
    if (SENSITIVE_NAME.test(last)) this.findings.addSink("sensitive-data", value, null);
  }

  /** Strings: credentials in literals, SQL scoped to an owner, keys built from the signed-in user. */
  stringText(node: SyntaxNode): void {
    const text = this.values.src(node);
    if (SQL_OWNER_SCOPE.test(text)) this.findings.guard("ownership");
    if (SQL_GRANT_PUBLIC.test(text)) this.findings.addSink("permissive-config", node, LITERAL);
    if (node.children.some((c) => SUBSTITUTION.has(c.type) && CURRENT_USER.test(this.values.valueText(c)))) this.findings.guard("ownership");
    if (node.type === "string") this.secretText(node);
  }

  /** A literal that is a credential by its shape: passed to a call, compared, or put in a tuple/array. */
  private secretText(node: SyntaxNode): void {
    const text = this.values.src(node);
    if (SECRET_TEXT.test(text)) return this.findings.addSink("secret-literal", node, LITERAL);
    const where = node.parent?.type ?? "";
    if (!SECRET_CONTEXT.has(where) || node.children.some((c) => c.type === "interpolation" || c.type === "template_substitution")) return;
    if (looksLikeSecret(text.replace(/^[rbuf]*["'`]+|["'`]+$/gi, ""))) this.findings.addSink("secret-literal", node, LITERAL);
  }
}

/**
 * A literal that names its own setting (`password_field = "password"`, `TOKEN = "X-Auth-Token"`,
 * `api_key = "api_key"`): a field, header or cookie name, not a value.
 */
function namesItself(name: string, literal: string): boolean {
  const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])/).filter(Boolean);
  const own = new Set(words(name.replace(/([a-z])([A-Z])/g, "$1_$2")));
  const said = words(literal.replace(/([a-z])([A-Z])/g, "$1_$2"));
  return said.length > 0 && said.some((w) => own.has(w)) && /^[A-Za-z][\w-]*$/.test(literal) && !/\d/.test(literal);
}
