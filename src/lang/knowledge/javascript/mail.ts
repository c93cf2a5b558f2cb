// nodemailer: transporter.sendMail({ from, to, subject, text, html }) renders `html` in the recipient's mail
// client, so markup from input there is stored cross-site scripting in someone else's inbox.
import type { KnowledgeFamily } from "../KnowledgeRows.js";

export const mail: KnowledgeFamily = {
  family: "mail",
  sinks: [{ callee: "**.sendMail", concept: "html-output", args: [], keywords: ["html"] }],
};
