// Cloud object storage: objects made readable by anyone.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const cloudStorage: KnowledgeFamily = {
  family: "cloud-storage",
  // A Google Cloud Storage file made public.
  sinks: [{ callee: "**.makePublic", concept: "permissive-config", args: [] }],
};
