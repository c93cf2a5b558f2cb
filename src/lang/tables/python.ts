// Python's API table, assembled from the library family files under `lang/knowledge/python/`.
export { PYTHON_TABLE } from "../knowledge/python/index.js";
