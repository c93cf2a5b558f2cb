// An API table compiled into rule indexes: built once per language, shared by every view.
import type { ApiTable, GuardRule, PatternCallRule, SinkRule, SourceRule } from "../tables/ApiTable.js";
import type { SinkConcept } from "./concepts.js";
import { RuleIndex } from "./RuleIndex.js";

/** A table compiled into rule indexes; build once per language and reuse for every unit. */
export class CompiledTable {
  readonly sinks: RuleIndex<SinkRule>;
  readonly sources: RuleIndex<SourceRule>;
  readonly members: RuleIndex<SourceRule>;
  readonly guards: RuleIndex<GuardRule>;
  readonly properties: RuleIndex<{ property: string; concept: SinkConcept; cwe?: string }>;
  readonly handlers: RuleIndex<string>;
  readonly handlerParams: RuleIndex<{ callee: string; shapes: string[][] }>;
  readonly callbackParams: RuleIndex<{ callee: string; roles: string[] }>;
  readonly patternCalls: RuleIndex<PatternCallRule>;
  readonly moduleFactories: RuleIndex<{ callee: string; module: string }>;
  readonly wrappers: RuleIndex<string>;

  constructor(readonly table: ApiTable) {
    this.sinks = new RuleIndex(table.sinks, (r) => r.callee);
    this.sources = new RuleIndex(table.sources.filter((r) => !r.member), (r) => r.pattern);
    this.members = new RuleIndex(table.sources.filter((r) => r.member), (r) => r.pattern);
    this.guards = new RuleIndex(table.guards, (r) => r.callee);
    this.properties = new RuleIndex(table.sinkProperties, (r) => r.property);
    this.handlers = new RuleIndex(table.handlers, (r) => r);
    this.handlerParams = new RuleIndex(table.handlerParams ?? [], (r) => r.callee);
    this.callbackParams = new RuleIndex(table.callbackParams ?? [], (r) => r.callee);
    this.patternCalls = new RuleIndex(table.patternCalls ?? [], (r) => r.callee);
    this.moduleFactories = new RuleIndex(table.moduleFactories ?? [], (r) => r.callee);
    this.wrappers = new RuleIndex(table.wrappers ?? [], (r) => r);
  }
}
