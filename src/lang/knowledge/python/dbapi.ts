// DB-API drivers (sqlite3, psycopg, pymysql, MySQLdb), asyncpg and pandas: query text and bound parameters.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const dbapi: KnowledgeFamily = {
  family: "dbapi",
  sinks: [
    { callee: "**.execute", concept: "sql", args: [0], parameterisedAfter: 1 },
    { callee: "**.executemany", concept: "sql", args: [0] },
    { callee: "**.executescript", concept: "sql", args: [0] },
    ...["fetch", "fetchrow", "fetchval", "executemany", "mogrify"].map((m) => ({ callee: `**.${m}`, concept: "sql" as const, args: [0], parameterisedAfter: 1 })),
    { callee: "sql.SQL", concept: "sql", args: [0] },
    { callee: "psycopg2.sql.SQL", concept: "sql", args: [0] },
    { callee: "psycopg.sql.SQL", concept: "sql", args: [0] },
    { callee: "**.read_sql", concept: "sql", args: [0], parameterisedAfter: 2 },
  ],
  guards: [
    { callee: "sql.Identifier", concept: "escape" },
    { callee: "sql.Literal", concept: "escape" },
  ],
};
