// `cwescope serve`: share one on-prem model over the OpenAI chat API.
export { ChatServer, type ChatServerOptions } from "./ChatServer.js";
