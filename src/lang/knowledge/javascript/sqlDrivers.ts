// SQL clients and query builders: mysql/mysql2, pg, sqlite3/better-sqlite3, Sequelize, Knex, Prisma raw queries.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

const RECEIVERS = ["db", "pool", "conn", "connection", "client", "sequelize", "knex", "sql", "database", "mysql", "pg", "tx", "trx", "this.db", "stmt", "prisma"];

export const sqlDrivers: KnowledgeFamily = {
  family: "sql-drivers",
  sinks: [
    ...["query", "execute", "run", "all", "get", "each", "exec", "raw", "unsafe", "$queryRawUnsafe", "$executeRawUnsafe"].flatMap((m) =>
      RECEIVERS.map((r) => ({ callee: `${r}.${m}`, concept: "sql" as const, args: [0], parameterisedAfter: 1 })),
    ),
    { callee: "**.query", concept: "sql", args: [0], parameterisedAfter: 1 },
    { callee: "**.prepare", concept: "sql", args: [0] },
    { callee: "**.whereRaw", concept: "sql", args: [0], parameterisedAfter: 1 },
    { callee: "**.raw", concept: "sql", args: [0], parameterisedAfter: 1 },
  ],
  guards: [
    { callee: "**.escapeId", concept: "escape" },
    { callee: "mysql.escape", concept: "escape" },
    { callee: "**.escapeLiteral", concept: "escape" },
    { callee: "**.escapeIdentifier", concept: "escape" },
  ],
};
