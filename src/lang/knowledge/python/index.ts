// Python's API table: the base and every library family, merged by the one loader.
import { assembleTable } from "../assembleTable.js";
import { aiohttp } from "./aiohttp.js";
import { asymmetricKeys } from "./asymmetricKeys.js";
import { azureSdk } from "./azureSdk.js";
import { base } from "./base.js";
import { bottle } from "./bottle.js";
import { builtins } from "./builtins.js";
import { cloudStorage } from "./cloudStorage.js";
import { crypto } from "./crypto.js";
import { dbapi } from "./dbapi.js";
import { django } from "./django.js";
import { djangoLoggers } from "./djangoLoggers.js";
import { filesystem } from "./filesystem.js";
import { flask } from "./flask.js";
import { hashing } from "./hashing.js";
import { headers } from "./headers.js";
import { httpClients } from "./httpClients.js";
import { lambda } from "./lambda.js";
import { libxml2 } from "./libxml2.js";
import { legacyCommands } from "./legacyCommands.js";
import { ldap } from "./ldap.js";
import { ldapKeywords } from "./ldapKeywords.js";
import { logging } from "./logging.js";
import { pathlib } from "./pathlib.js";
import { pickle } from "./pickle.js";
import { processInputs } from "./process.js";
import { pymongo } from "./pymongo.js";
import { regex } from "./regex.js";
import { remoteCommands } from "./remoteCommands.js";
import { requestsUrls } from "./requestsUrls.js";
import { sqlalchemy } from "./sqlalchemy.js";
import { sslDefaults } from "./sslDefaults.js";
import { starlette } from "./starlette.js";
import { subprocess } from "./subprocess.js";
import { templates } from "./templates.js";
import { tornado } from "./tornado.js";
import { validation } from "./validation.js";
import { werkzeugHeaders } from "./werkzeugHeaders.js";
import { xml } from "./xml.js";
import { yaml } from "./yaml.js";

export const PYTHON_FAMILIES = [
  // Rows that read more of a call than a later family's row for the same callee (the first row of a concept wins).
  pathlib, requestsUrls,
  builtins, processInputs, subprocess, filesystem, dbapi, sqlalchemy, pymongo, django, flask, starlette, pickle, yaml, xml, httpClients, templates, logging, crypto, validation, cloudStorage,
  // Grown after the split (issue #15): more frameworks, the new CWEs' libraries.
  aiohttp, tornado, bottle, lambda, headers, hashing, ldap, regex,
  // Coverage of real code (branch covpy): APIs learned from their documentation.
  azureSdk, legacyCommands, remoteCommands, asymmetricKeys, werkzeugHeaders, sslDefaults,
  libxml2, ldapKeywords, djangoLoggers,
];

export const PYTHON_TABLE = assembleTable(base, PYTHON_FAMILIES);
