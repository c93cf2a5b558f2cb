// Deep assignment libraries: keys from input (`__proto__`, `constructor.prototype`) reach Object's prototype.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const prototype: KnowledgeFamily = {
  family: "prototype",
  sinks: [
    // lodash/underscore deep merges and path setters (the path and the merged object are the danger).
    ...["merge", "mergeWith", "defaultsDeep", "set", "setWith", "zipObjectDeep"].flatMap((f) => [
      { callee: `_.${f}`, concept: "prototype-pollution" as const, args: [1, 2], objectArgs: true },
      { callee: `lodash.${f}`, concept: "prototype-pollution" as const, args: [1, 2], objectArgs: true },
    ]),
    { callee: "$.extend", concept: "prototype-pollution", args: [1, 2, 3], objectArgs: true, whenArg: { index: 0, value: /^true$/ } },
    { callee: "jQuery.extend", concept: "prototype-pollution", args: [1, 2, 3], objectArgs: true, whenArg: { index: 0, value: /^true$/ } },
    { callee: "deepmerge", concept: "prototype-pollution", args: [0, 1], objectArgs: true },
    { callee: "deepmerge.all", concept: "prototype-pollution", args: [0], objectArgs: true },
    { callee: "merge", concept: "prototype-pollution", args: [0, 1, 2], objectArgs: true },
    { callee: "merge.recursive", concept: "prototype-pollution", args: [1, 2], objectArgs: true },
    { callee: "deep-extend", concept: "prototype-pollution", args: [1, 2], objectArgs: true },
    { callee: "dot-prop.set", concept: "prototype-pollution", args: [1, 2], objectArgs: true },
    { callee: "dotProp.set", concept: "prototype-pollution", args: [1, 2], objectArgs: true },
    { callee: "set-value", concept: "prototype-pollution", args: [1, 2], objectArgs: true },
    { callee: "object-path.set", concept: "prototype-pollution", args: [1, 2], objectArgs: true },
    { callee: "objectPath.set", concept: "prototype-pollution", args: [1, 2], objectArgs: true },
  ],
  guards: [
    { callee: "Object.create", concept: "key-check", cleans: false, firstArg: /^null$/ },
    { callee: "**.hasOwnProperty", concept: "key-check", cleans: false },
    { callee: "Object.hasOwn", concept: "key-check", cleans: false },
    { callee: "Object.freeze", concept: "key-check", cleans: false, firstArg: /prototype/ },
  ],
};
