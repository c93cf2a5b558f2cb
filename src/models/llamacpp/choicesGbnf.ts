// GBNF that admits exactly one of a closed list of answers (CWE ids, `none`, `vulnerable`…).

export function choicesGbnf(choices: readonly string[]): string {
  if (!choices.length) throw new Error("choicesGbnf: no choices");
  const literal = (s: string) => JSON.stringify(s);
  return `root ::= ${choices.map(literal).join(" | ")}`;
}
