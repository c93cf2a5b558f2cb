// Cloud object storage: objects made readable by anyone.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const cloudStorage: KnowledgeFamily = {
  family: "cloud-storage",
  // A Google Cloud Storage blob made public.
  sinks: [{ callee: "**.make_public", concept: "permissive-config", args: [] }],
};
