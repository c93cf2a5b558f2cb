// AWS SDK query languages: Athena SQL, DynamoDB PartiQL, RDS Data API SQL and S3 Select expressions, in the v2
// client methods and the v3 command objects. The statement text is the sink; `Parameters`/`ExecutionParameters`
// bind values apart from it.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

/** The statement fields of those requests (Athena, PartiQL, RDS Data, S3 Select). */
const STATEMENT_FIELDS = ["QueryString", "Statement", "sql", "Expression"];

/** v2 client methods (`new AWS.Athena().startQueryExecution(params)`). */
const V2_METHODS = ["startQueryExecution", "createNamedQuery", "updateNamedQuery", "createPreparedStatement", "executeStatement", "batchExecuteStatement", "executeTransaction", "selectObjectContent"];

/** v3 command classes (`client.send(new StartQueryExecutionCommand(params))`). */
const V3_COMMANDS = [
  "StartQueryExecutionCommand", "CreateNamedQueryCommand", "UpdateNamedQueryCommand", "CreatePreparedStatementCommand",
  "ExecuteStatementCommand", "BatchExecuteStatementCommand", "ExecuteTransactionCommand", "SelectObjectContentCommand",
];

export const awsSdk: KnowledgeFamily = {
  family: "awsSdk",
  sinks: [
    ...V2_METHODS.map((m) => ({ callee: `**.${m}`, concept: "sql" as const, args: [], keywords: STATEMENT_FIELDS })),
    ...V3_COMMANDS.map((c) => ({ callee: c, concept: "sql" as const, args: [], keywords: STATEMENT_FIELDS })),
    ...V3_COMMANDS.map((c) => ({ callee: `**.${c}`, concept: "sql" as const, args: [], keywords: STATEMENT_FIELDS })),
  ],
};
