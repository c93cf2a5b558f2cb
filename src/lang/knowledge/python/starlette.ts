// FastAPI and Starlette (and aiohttp's json_response): request members and response classes.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const starlette: KnowledgeFamily = {
  family: "starlette",
  sources: [...["query_params", "path_params"].map((m) => ({ pattern: `request.${m}`, concept: "request" as const, member: true }))],
  sinks: [
    { callee: "FileResponse", concept: "file-path", args: [0] },
    { callee: "HTMLResponse", concept: "html-output", args: [0] },
    { callee: "RedirectResponse", concept: "redirect", args: [0] },
    { callee: "JSONResponse", concept: "response" },
    { callee: "**.json_response", concept: "response" },
  ],
};
