import { describe, expect, it } from "vitest";
import { findHelperLeaks, findLabelLeaks } from "../../src/data/leakage.js";

const words = (code: string, language = "python") => findLabelLeaks(code, { language }).map((l) => `${l.line}:${l.word}:${l.name}`);

describe("findLabelLeaks", () => {
  it("allows real APIs that merely contain a flagged word", () => {
    const python = [
      "import yaml",
      "from django.utils.safestring import mark_safe",
      "from rest_framework.permissions import SAFE_METHODS",
      "from werkzeug.utils import secure_filename",
      "from channels.generic.websocket import AsyncWebsocketConsumer",
      "SESSION_COOKIE_SECURE = True",
      "CSRF_COOKIE_SECURE = True",
      "@pytest.fixture",
      "def client(tmp_path):",
      "    cfg = yaml.safe_load(open(tmp_path / 'prefixed.yaml'))",
      "    resp = HttpResponseBadRequest('goodbye')",
      "    resp.set_cookie('sid', 'x', secure=True)",
      "    return quote(cfg['badge'], safe='') + mark_safe(cfg['html'])",
    ].join("\n");
    expect(words(python)).toEqual([]);
    const js = [
      "const doc = yaml.safeLoad(text);",
      "const total = (price * qty).toFixed(2);",
      "const rows = await prisma.$queryRawUnsafe(sql);",
      "res.cookie('sid', id, { httpOnly: true, secure: true });",
      "if (!crypto.timingSafeEqual(a, b)) return res.status(400).send('Bad Request');",
      "helmet({ contentSecurityPolicy: { directives: { scriptSrc: [\"'self'\", \"'unsafe-inline'\"] } } });",
      "const html = <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(body) }} />;",
    ].join("\n");
    expect(words(js, "javascript")).toEqual([]);
  });

  it("flags invented names that claim safety or name the label", () => {
    const code = [
      "def read(name):",
      "    safe_path = os.path.realpath(name)",
      "    if not is_safe(safe_path):",
      "        return sanitize_input(name)",
      "    validated_name = name.strip()",
      "    return open(validated_name)",
    ].join("\n");
    expect(words(code)).toEqual([
      "2:safe:safe_path",
      "3:safe:is_safe",
      "3:safe:safe_path",
      "4:sanitize:sanitize_input",
      "5:validated:validated_name",
      "6:validated:validated_name",
    ]);
    expect(words("const isSafeUrl = (u) => u.startsWith('/');\nconst makeSecureLink = isSafeUrl;", "javascript")).toEqual([
      "1:safe:isSafeUrl",
      "2:secure:makeSecureLink",
      "2:safe:isSafeUrl",
    ]);
  });

  it("flags label words in comments and strings, safety claims in comments but not in string data", () => {
    const code = [
      "# fixed: parameterised query prevents the attack",
      "cur.execute('SELECT 1')  # this is safe now",
      "AVATAR = 'https://secure.gravatar.com/avatar'",
      "abort(400, 'malicious file name')",
    ].join("\n");
    expect(words(code)).toEqual(["1:fixed:fixed", "1:attack:attack", "2:safe:safe", "4:malicious:malicious"]);
  });

  it("treats f-string and template-literal interpolations as code", () => {
    expect(words("msg = f'opening {safe_name}'")).toEqual(["1:safe:safe_name"]);
    expect(words("const m = `opening ${safeName} as secure copy`;", "javascript")).toEqual(["1:safe:safeName"]);
  });

  it("tells a lone `safe`/`secure` option from an invented variable", () => {
    expect(words("url = quote(path, safe='')\nok = cookie.secure")).toEqual([]);
    expect(words("safe = check(path)\nif safe:\n    pass")).toEqual(["1:safe:safe", "2:safe:safe"]);
    expect(words("const opts = { secure };\nconst secure = true;", "javascript")).toEqual(["1:secure:secure", "2:secure:secure"]);
  });

  it("reports line and column, and takes extra allowed names", () => {
    const [leak] = findLabelLeaks("x = 1\n    y = safe_join(a, b)", { language: "python", allow: [] });
    expect(leak).toBeUndefined();
    const [l2] = findLabelLeaks("x = 1\n    y = make_safe(a)", { language: "python" });
    expect(l2).toMatchObject({ line: 2, column: 9, word: "safe", name: "make_safe", rule: "claim" });
    expect(findLabelLeaks("y = make_safe(a)", { language: "python", allow: ["make_safe"] })).toEqual([]);
  });
});

describe("findHelperLeaks", () => {
  const vulnerable = "def download(name):\n    return send_file(os.path.join(ROOT, name))\n";
  it("flags an invented validate/sanitize helper that only the fix calls", () => {
    const fixed = "def download(name):\n    return send_file(os.path.join(ROOT, sanitize_filename(name)))\n";
    expect(findHelperLeaks(vulnerable, fixed, { language: "python" }).map((l) => l.name)).toEqual(["sanitize_filename"]);
  });
  it("accepts helpers the fix defines or imports, library classes, and methods of real objects", () => {
    const defined = "def check_name(n):\n    return n\ndef download(name):\n    validate_name(name)\n    return send_file(name)\n\ndef validate_name(n):\n    pass\n";
    expect(findHelperLeaks(vulnerable, defined, { language: "python" })).toEqual([]);
    const imported = "from app.forms import validate_name\ndef download(name):\n    validate_name(name)\n    raise ValidationError('x')\n";
    expect(findHelperLeaks(vulnerable, imported, { language: "python" })).toEqual([]);
    expect(findHelperLeaks(vulnerable, "def download(name):\n    form.validate_on_submit()\n", { language: "python" })).toEqual([]);
  });
});
