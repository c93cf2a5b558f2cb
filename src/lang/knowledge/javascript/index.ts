// JavaScript/TypeScript's API table: the base and every library family, merged by the one loader.
import { assembleTable } from "../assembleTable.js";
import { auth } from "./auth.js";
import { awsSdk } from "./awsSdk.js";
import { base } from "./base.js";
import { browserSources } from "./browserSources.js";
import { childProcess } from "./childProcess.js";
import { cliArgs } from "./cliArgs.js";
import { cloudStorage } from "./cloudStorage.js";
import { crypto } from "./crypto.js";
import { dom } from "./dom.js";
import { escaping } from "./escaping.js";
import { express } from "./express.js";
import { fs } from "./fs.js";
import { fsPackages } from "./fsPackages.js";
import { githubActions } from "./githubActions.js";
import { httpClients } from "./httpClients.js";
import { headlessBrowsers } from "./headlessBrowsers.js";
import { httpResponses } from "./httpResponses.js";
import { ldapjs } from "./ldapjs.js";
import { limits } from "./limits.js";
import { lodash } from "./lodash.js";
import { logging } from "./logging.js";
import { mail } from "./mail.js";
import { mongodb } from "./mongodb.js";
import { nodeCore } from "./nodeCore.js";
import { nodeLoaders } from "./nodeLoaders.js";
import { orm } from "./orm.js";
import { prototype } from "./prototype.js";
import { serialization } from "./serialization.js";
import { serverless } from "./serverless.js";
import { sqlDrivers } from "./sqlDrivers.js";
import { templates } from "./templates.js";
import { xpath } from "./xpath.js";

export const JAVASCRIPT_FAMILIES = [
  express, sqlDrivers, childProcess, nodeCore, fs, templates, httpClients, serialization, dom, orm, lodash, auth, cloudStorage, logging, escaping, limits,
  // Grown after the split (issue #15): more frameworks and runtimes, the new CWEs' libraries.
  mongodb, ldapjs, xpath, crypto, prototype, serverless,
  // Coverage of real code (covjs): browser inputs, CI actions, cloud SDK query strings.
  browserSources, githubActions, awsSdk, httpResponses, fsPackages, headlessBrowsers, nodeLoaders, cliArgs, mail,
];

export const JAVASCRIPT_TABLE = assembleTable(base, JAVASCRIPT_FAMILIES);
