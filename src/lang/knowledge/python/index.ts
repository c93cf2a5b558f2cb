// Python's API table: the base and every library family, merged by the one loader.
import { assembleTable } from "../assembleTable.js";
import { base } from "./base.js";
import { builtins } from "./builtins.js";
import { cloudStorage } from "./cloudStorage.js";
import { crypto } from "./crypto.js";
import { dbapi } from "./dbapi.js";
import { django } from "./django.js";
import { filesystem } from "./filesystem.js";
import { flask } from "./flask.js";
import { httpClients } from "./httpClients.js";
import { logging } from "./logging.js";
import { pickle } from "./pickle.js";
import { processInputs } from "./process.js";
import { pymongo } from "./pymongo.js";
import { sqlalchemy } from "./sqlalchemy.js";
import { starlette } from "./starlette.js";
import { subprocess } from "./subprocess.js";
import { templates } from "./templates.js";
import { validation } from "./validation.js";
import { xml } from "./xml.js";
import { yaml } from "./yaml.js";

export const PYTHON_FAMILIES = [
  builtins, processInputs, subprocess, filesystem, dbapi, sqlalchemy, pymongo, django, flask, starlette, pickle, yaml, xml, httpClients, templates, logging, crypto, validation, cloudStorage,
];

export const PYTHON_TABLE = assembleTable(base, PYTHON_FAMILIES);
