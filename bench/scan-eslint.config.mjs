// ESLint 9 flat config for bench/scan.mjs: eslint-plugin-security's recommended rules on every JS file,
// node_modules included (npm bundles its dependencies there, and the bench compares the same files).
// A `.js` file is an ES module when its nearest package.json says `"type": "module"`, as Node reads it.
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import security from "eslint-plugin-security";
import { globSync } from "tinyglobby";

const packageTypes = globSync(["**/package.json"], { cwd: process.cwd(), dot: true })
  .map((file) => {
    try {
      return { dir: dirname(file), type: JSON.parse(readFileSync(file, "utf8")).type === "module" ? "module" : "commonjs" };
    } catch {
      return undefined;
    }
  })
  .filter(Boolean)
  .sort((a, b) => a.dir.split("/").length - b.dir.split("/").length);

export default [
  { ignores: ["!**/node_modules/"] },
  {
    files: ["**/*.js", "**/*.cjs", "**/*.mjs"],
    plugins: { security },
    rules: security.configs.recommended.rules,
    languageOptions: { ecmaVersion: "latest", sourceType: "commonjs" },
    linterOptions: { reportUnusedDisableDirectives: "off" },
  },
  ...packageTypes.map(({ dir, type }) => ({ files: [dir === "." ? "**/*.js" : `${dir}/**/*.js`], languageOptions: { sourceType: type } })),
  { files: ["**/*.mjs"], languageOptions: { sourceType: "module" } },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" } },
];
