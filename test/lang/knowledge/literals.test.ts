// Hard-coded credentials (CWE-798): a literal that looks like a secret assigned to or passed as one, and not
// the names, placeholders, migration ids and test dummies that only look like one.
import { describe, expect, it } from "vitest";
import { useViews } from "../../helpers/viewOf.js";
import { hitsOf } from "./hits.js";

const { view } = useViews();
const secrets = (code: string, language: "python" | "javascript") => hitsOf(view(code, language), "secret-literal");

describe("hard-coded credentials", () => {
  it("flags a password or key assigned, passed or embedded", () => {
    expect(secrets("DB_PASSWORD = 'S3cr3t!pw'\n", "python").length).toBe(1);
    expect(secrets("const apiKey = 'q8ZrT2wLx9Vb4Nc7';\n", "javascript").length).toBe(1);
    expect(secrets("import psycopg2\ndef conn():\n    return psycopg2.connect('postgresql://app:hunter22@db/app')", "python").length).toBe(1);
    expect(secrets("function login() {\n  return auth('admin', 'p4ssW0rd!x9');\n}", "javascript").length).toBe(1);
  });

  it("does not flag placeholders, dummies or a setting naming itself", () => {
    for (const v of ["changeme", "<password>", "your-api-key", "dummy_token", "xxxxxxxx", "fake-secret-for-tests", "${API_KEY}", "password"]) {
      expect(secrets(`PASSWORD = '${v}'\n`, "python")).toEqual([]);
    }
    expect(secrets("const TOKEN = 'X-Auth-Token';\n", "javascript")).toEqual([]);
    expect(secrets("password_field = 'password'\n", "python")).toEqual([]);
  });

  it("does not flag a Django migration's dependencies", () => {
    const migration = "from django.db import migrations\n\nclass Migration(migrations.Migration):\n    dependencies = [\n        ('accounts', '0001_initial'),\n        ('billing', '0007_auto_20240131_1200'),\n    ]\n";
    expect(secrets(migration, "python")).toEqual([]);
  });

  it("does not flag identifiers, options or regular expressions passed as arguments", () => {
    expect(secrets("__all__ = ['standard_b64encode', 'encode_7or8bit']\nimport re\ndef clean(s):\n    return re.sub('[^a-zA-Z0-9_]', '_', s)", "python")).toEqual([]);
    expect(secrets("const args = ['--depth=1', 'enable_SMTPUTF8', 'Debug|Win32', '2fa=none'];", "javascript")).toEqual([]);
  });

  it("does not flag cookie or header names passed beside their values", () => {
    const servlet = "app.get('/t', (req, res) => {\n  res.cookie('BenchmarkTest00042', req.query.v);\n  res.setHeader('XRequestId2024', id);\n  res.end();\n});";
    expect(secrets(servlet, "javascript")).toEqual([]);
    expect(secrets("def f(resp, v):\n    resp.set_cookie('SessionToken01', v)", "python")).toEqual([]);
  });
});
