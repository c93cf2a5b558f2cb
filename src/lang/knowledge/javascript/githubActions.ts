// GitHub Actions written in JavaScript (@actions/toolkit): the triggering event's payload is whoever opened the
// issue, pull request or comment; inputs come from the workflow (often `${{ github.event… }}`); @actions/exec
// runs a command line; Octokit's graphql() sends a GraphQL document, which variables keep apart from input.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const githubActions: KnowledgeFamily = {
  family: "githubActions",
  sources: [
    // github.context.payload: the webhook event (titles, bodies, branch names written by anyone who can open a PR).
    { pattern: "@actions/github.context.payload", concept: "request", member: true },
    { pattern: "context.payload", concept: "request", member: true },
    { pattern: "github.context.payload", concept: "request", member: true },
    { pattern: "github.context.ref", concept: "request", member: true },
    { pattern: "@actions/github.context.ref", concept: "request", member: true },
    // core.getInput / getMultilineInput: the action's `with:` inputs.
    ...["getInput", "getMultilineInput"].flatMap((f) => [
      { pattern: `@actions/core.${f}`, concept: "argv" as const },
      { pattern: `core.${f}`, concept: "argv" as const },
    ]),
  ],
  sinks: [
    // exec(commandLine, args?, options?) and getExecOutput: the command line is split and run.
    ...["exec", "getExecOutput"].flatMap((f) => [
      { callee: `@actions/exec.${f}`, concept: "shell" as const, args: [0] },
      { callee: `exec.${f}`, concept: "shell" as const, args: [0] },
    ]),
    // graphql(query, parameters) (@octokit/graphql, octokit.graphql): the query text is the sink, not its variables.
    { callee: "@octokit/graphql.graphql", concept: "nosql", args: [0] },
    { callee: "**.graphql", concept: "nosql", args: [0] },
  ],
};
