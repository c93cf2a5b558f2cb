// MongoDB driver and Mongoose: query documents from input (operator injection such as `{ $ne: null }`, `$where`).
import type { KnowledgeFamily } from "../KnowledgeRows.js";

/** A query document: an object literal, JSON decoded from input, the request's own objects, or `$where`. */
const QUERY_DOCUMENT = /^\{|JSON\.parse|\b(req|request|ctx\.request)\.(body|query|params)\b|\$where/;

export const mongodb: KnowledgeFamily = {
  family: "mongodb",
  sinks: [
    ...["find", "findOne", "findOneAndUpdate", "findOneAndDelete", "findOneAndReplace", "updateOne", "updateMany", "deleteOne", "deleteMany", "countDocuments", "count", "where", "aggregate", "distinct", "exists"].map((m) => ({
      callee: `**.${m}`,
      concept: "nosql" as const,
      args: [0],
      objectArgs: true,
      whenArg: { index: 0, value: QUERY_DOCUMENT },
    })),
    { callee: "**.$where", concept: "nosql", args: [0] },
    { callee: "**.mapReduce", concept: "nosql", args: [0] },
  ],
  guards: [
    { callee: "mongo-sanitize", concept: "escape" },
    { callee: "mongoSanitize", concept: "escape" },
    { callee: "ObjectId", concept: "type-cast" },
    { callee: "mongodb.ObjectId", concept: "type-cast" },
    { callee: "mongoose.Types.ObjectId", concept: "type-cast" },
    { callee: "**.isValidObjectId", concept: "type-cast", cleans: false },
  ],
};
