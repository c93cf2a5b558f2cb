// JavaScript/TypeScript's API table: the base and every library family, merged by the one loader.
import { assembleTable } from "../assembleTable.js";
import { auth } from "./auth.js";
import { base } from "./base.js";
import { childProcess } from "./childProcess.js";
import { cloudStorage } from "./cloudStorage.js";
import { dom } from "./dom.js";
import { escaping } from "./escaping.js";
import { express } from "./express.js";
import { fs } from "./fs.js";
import { httpClients } from "./httpClients.js";
import { limits } from "./limits.js";
import { lodash } from "./lodash.js";
import { logging } from "./logging.js";
import { nodeCore } from "./nodeCore.js";
import { orm } from "./orm.js";
import { serialization } from "./serialization.js";
import { sqlDrivers } from "./sqlDrivers.js";
import { templates } from "./templates.js";

export const JAVASCRIPT_FAMILIES = [
  express, sqlDrivers, childProcess, nodeCore, fs, templates, httpClients, serialization, dom, orm, lodash, auth, cloudStorage, logging, escaping, limits,
];

export const JAVASCRIPT_TABLE = assembleTable(base, JAVASCRIPT_FAMILIES);
