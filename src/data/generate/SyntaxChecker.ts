// Does a snippet parse? Python through one `python3` process per batch (`ast.parse`, never executed),
// JavaScript and TypeScript through tree-sitter (JSX allowed).
import { spawn } from "node:child_process";
import { Parser, type Node } from "web-tree-sitter";
import { loadGrammars } from "../../lang/grammars.js";
import { UserError } from "../../util/errors.js";

export interface SyntaxCheckItem {
  code: string;
  language: string;
}

export interface SyntaxCheckerOptions {
  /** The Python interpreter used for `ast.parse`. Defaults to `"python3"`. */
  python?: string;
}

const PY_SCRIPT = `
import ast, json, sys, warnings
warnings.simplefilter("ignore")
out = []
for src in json.load(sys.stdin):
    try:
        ast.parse(src)
        out.append(None)
    except SyntaxError as e:
        out.append("line %s: %s" % (e.lineno, e.msg))
    except Exception as e:
        out.append("%s: %s" % (type(e).__name__, e))
json.dump(out, sys.stdout)
`;

/** Dataset language → grammar: TypeScript records may hold JSX, so they are read with the TSX grammar. */
const GRAMMARS = { javascript: "javascript", typescript: "tsx" } as const;

export class SyntaxChecker {
  /** Results by language and code, so a batch checked up front answers later single checks. */
  private readonly memo = new Map<string, string | null>();

  private constructor(
    private readonly parsers: Map<string, Parser>,
    private readonly python: string,
  ) {}

  static async create(options: SyntaxCheckerOptions = {}): Promise<SyntaxChecker> {
    // The process-wide grammars: a second `Parser.init()` would swap the WASM module under existing parsers.
    const grammars = await loadGrammars();
    const parsers = new Map<string, Parser>();
    for (const [lang, grammar] of Object.entries(GRAMMARS)) parsers.set(lang, new Parser().setLanguage(grammars[grammar]));
    return new SyntaxChecker(parsers, options.python ?? "python3");
  }

  /** One result per item, in order: `null` when it parses, else `line N: reason`. */
  async check(items: readonly SyntaxCheckItem[]): Promise<Array<string | null>> {
    const key = (item: SyntaxCheckItem) => `${item.language}\0${item.code}`;
    const python = [...new Set(items.filter((i) => i.language === "python" && !this.memo.has(key(i))).map((i) => i.code))];
    if (python.length) {
      const results = await this.pythonErrors(python);
      python.forEach((code, k) => this.memo.set(`python\0${code}`, results[k]));
    }
    return items.map((item) => {
      const k = key(item);
      if (!this.memo.has(k)) this.memo.set(k, this.treeSitterError(item));
      return this.memo.get(k)!;
    });
  }

  delete(): void {
    for (const p of this.parsers.values()) p.delete();
  }

  private treeSitterError(item: SyntaxCheckItem): string | null {
    const parser = this.parsers.get(item.language);
    if (!parser) return `no parser for language "${item.language}"`;
    const tree = parser.parse(item.code);
    if (!tree) return "tree-sitter returned no tree";
    try {
      if (!tree.rootNode.hasError) return null;
      const bad = firstError(tree.rootNode);
      if (!bad) return "syntax error";
      const near = item.code.slice(bad.startIndex, Math.min(bad.endIndex, bad.startIndex + 30)).split("\n")[0];
      return `line ${bad.startPosition.row + 1}: ${bad.isMissing ? `missing ${bad.type}` : `syntax error near "${near}"`}`;
    } finally {
      tree.delete();
    }
  }

  private pythonErrors(sources: string[]): Promise<Array<string | null>> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.python, ["-I", "-c", PY_SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
      child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
      child.on("error", (err) => reject(new UserError(`cannot run ${this.python} to check Python syntax: ${err.message}`)));
      child.on("close", (code) => {
        if (code !== 0) return reject(new Error(`${this.python} exited with ${code}: ${stderr.trim().slice(-300)}`));
        try {
          resolve(JSON.parse(stdout) as Array<string | null>);
        } catch {
          reject(new Error(`${this.python} printed no result: ${stderr.trim().slice(-300)}`));
        }
      });
      child.stdin.on("error", () => undefined);
      child.stdin.end(JSON.stringify(sources));
    });
  }
}

function firstError(node: Node): Node | null {
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) if (child && (child.hasError || child.isError || child.isMissing)) return firstError(child) ?? child;
  return null;
}
