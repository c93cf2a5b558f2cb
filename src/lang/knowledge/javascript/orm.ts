// ORMs and document stores (Mongoose, Sequelize, Prisma, TypeORM, the MongoDB driver): lookups by id, writes, records.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const orm: KnowledgeFamily = {
  family: "orm",
  sinks: [
    { callee: "**.findById", concept: "object-lookup" },
    { callee: "**.findByPk", concept: "object-lookup" },
    { callee: "**.findOne", concept: "object-lookup" },
    { callee: "**.findUnique", concept: "object-lookup" },
    { callee: "**.findFirst", concept: "object-lookup" },
    { callee: "**.save", concept: "state-change", args: [] },
    { callee: "**.destroy", concept: "state-change", args: [] },
    { callee: "**.deleteOne", concept: "state-change", args: [] },
    { callee: "**.updateOne", concept: "state-change", args: [] },
    { callee: "**.findByIdAndUpdate", concept: "state-change", args: [] },
    { callee: "**.findByIdAndDelete", concept: "state-change", args: [] },
    { callee: "**.insertOne", concept: "state-change", args: [] },
    { callee: "**.create", concept: "state-change", args: [] },
    { callee: "**.update", concept: "state-change", args: [] },
    { callee: "**.delete", concept: "state-change", args: [] },
    { callee: "**.toJSON", concept: "record-exposure", args: [] },
    { callee: "**.toObject", concept: "record-exposure", args: [] },
  ],
};
