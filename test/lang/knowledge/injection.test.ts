// Injection rows of the new CWEs (NoSQL, LDAP, XPath, header splitting, regex, prototype pollution, XML): each
// fires on input that reaches the API, and not on the correct use of the same API.
import { describe, expect, it } from "vitest";
import { useViews } from "../../helpers/viewOf.js";
import { flaggedCwes, hitsOf } from "./hits.js";

const { view } = useViews();

describe("NoSQL queries (CWE-943)", () => {
  it("flags a query document built from the request, in pymongo and the MongoDB driver", () => {
    const py = view("from flask import request\ndef find(db):\n    q = request.get_json()\n    return db.users.find_one(q)", "python");
    const js = view("app.post('/login', async (req, res) => {\n  const user = await users.findOne({ name: req.body.name, password: req.body.password });\n  res.json(user);\n});", "javascript");
    const where = view("app.get('/s', (req, res) => {\n  db.collection('u').find({ $where: 'this.age > ' + req.query.age });\n});", "javascript");
    for (const v of [py, js, where]) expect(flaggedCwes(v, "nosql")).toContain("CWE-943");
  });

  it("does not flag a value cast to an ObjectId or a query on a string field that is not a document", () => {
    const js = view("const { ObjectId } = require('mongodb');\napp.get('/u/:id', async (req, res) => {\n  res.json(await users.findOne({ _id: ObjectId(req.params.id) }));\n});", "javascript");
    const py = view("def title(text, needle):\n    return text.find(needle)", "python");
    expect(flaggedCwes(js, "nosql")).toEqual([]);
    expect(hitsOf(py, "nosql")).toEqual([]);
  });
});

describe("LDAP filters (CWE-90)", () => {
  it("flags a filter built from input in python-ldap, ldap3 and ldapjs", () => {
    const pyLdap = view("import ldap\nfrom flask import request\ndef who():\n    l = ldap.initialize('ldap://dir')\n    return l.search_s('dc=example,dc=com', ldap.SCOPE_SUBTREE, '(uid=' + request.args['u'] + ')')", "python");
    const ldap3 = view("from flask import request\ndef who(conn):\n    conn.search('dc=example,dc=com', f\"(&(objectClass=person)(cn={request.args['name']}))\")", "python");
    const js = view("app.get('/who', (req, res) => {\n  client.search('dc=example,dc=com', { filter: `(uid=${req.query.user})`, scope: 'sub' }, () => {});\n});", "javascript");
    for (const v of [pyLdap, ldap3, js]) expect(flaggedCwes(v, "ldap")).toContain("CWE-90");
  });

  it("does not flag an escaped filter value, nor a regular expression search", () => {
    const escaped = view("from ldap3.utils.conv import escape_filter_chars\nfrom flask import request\ndef who(conn):\n    conn.search('dc=x', '(uid=' + escape_filter_chars(request.args['u']) + ')')", "python");
    const re = view("import re\nfrom flask import request\ndef f():\n    return re.search(r'\\d+', request.args['q'])", "python");
    expect(flaggedCwes(escaped, "ldap")).toEqual([]);
    expect(hitsOf(re, "ldap")).toEqual([]);
  });
});

describe("XPath expressions (CWE-643)", () => {
  it("flags an expression built from input in lxml and the xpath package", () => {
    const py = view("from lxml import etree\nfrom flask import request\ndef find(tree):\n    return tree.xpath(\"//user[@name='\" + request.args['n'] + \"']\")", "python");
    const js = view("const xpath = require('xpath');\napp.get('/u', (req, res) => {\n  res.send(xpath.select(`//user[@name='${req.query.n}']`, doc).length);\n});", "javascript");
    for (const v of [py, js]) expect(flaggedCwes(v, "xpath")).toContain("CWE-643");
  });

  it("does not flag a constant expression whose value is passed as an XPath variable", () => {
    const py = view("from flask import request\ndef find(tree):\n    return tree.xpath('//user[@name=$name]', name=request.args['n'])", "python");
    expect(flaggedCwes(py, "xpath")).toEqual([]);
  });
});

describe("response headers (CWE-113)", () => {
  it("flags a header value from input in Express, Tornado and a Flask response", () => {
    const js = view("app.get('/r', (req, res) => {\n  res.setHeader('X-Name', req.query.name);\n  res.end();\n});", "javascript");
    const tornado = view("import tornado.web\nclass H(tornado.web.RequestHandler):\n    def get(self):\n        self.set_header('X-Name', self.get_argument('n'))", "python");
    const flask = view("from flask import request, make_response\ndef r():\n    resp = make_response('ok')\n    resp.headers['X-Name'] = request.args['n']\n    return resp", "python");
    for (const v of [js, tornado, flask]) expect(flaggedCwes(v, "header-write")).toContain("CWE-113");
  });

  it("does not flag a header value cast to a number", () => {
    const js = view("app.get('/r', (req, res) => {\n  res.setHeader('X-Count', parseInt(req.query.n, 10));\n  res.end();\n});", "javascript");
    expect(flaggedCwes(js, "header-write")).toEqual([]);
  });
});

describe("regular expressions from input (CWE-1333)", () => {
  it("flags a pattern compiled from input in both languages", () => {
    const py = view("import re\nfrom flask import request\ndef f():\n    return re.compile(request.args['p']).match('x')", "python");
    const js = view("app.get('/f', (req, res) => {\n  res.json(new RegExp(req.query.p).test('x'));\n});", "javascript");
    for (const v of [py, js]) expect(flaggedCwes(v, "regex-build")).toContain("CWE-1333");
  });

  it("does not flag escaped input nor a literal pattern", () => {
    const py = view("import re\nfrom flask import request\ndef f():\n    return re.compile(re.escape(request.args['p']))", "python");
    const js = view("const escapeStringRegexp = require('escape-string-regexp');\napp.get('/f', (req, res) => {\n  res.json(new RegExp(escapeStringRegexp(req.query.p)).test('x') && /^a+$/.test(req.query.q));\n});", "javascript");
    expect(flaggedCwes(py, "regex-build")).toEqual([]);
    expect(flaggedCwes(js, "regex-build")).toEqual([]);
    expect(hitsOf(view("import re\ndef f(s):\n    return re.match(r'^[a-z]+$', s)", "python"), "regex-build")).toEqual([]);
  });
});

describe("prototype pollution (CWE-1321)", () => {
  it("flags an object from input deep-merged or a path from input set", () => {
    const merge = view("const _ = require('lodash');\napp.post('/p', (req, res) => {\n  _.merge({}, req.body);\n  res.end();\n});", "javascript");
    const set = view("const _ = require('lodash');\napp.post('/p', (req, res) => {\n  _.set(config, req.query.path, req.query.value);\n  res.end();\n});", "javascript");
    for (const v of [merge, set]) expect(flaggedCwes(v, "prototype-pollution")).toContain("CWE-1321");
  });

  it("flags a computed two-level assignment whose first key comes from input, and not once the key is checked", () => {
    const open = view("app.post('/set', (req, res) => {\n  const { path, sub, value } = req.body;\n  config[path][sub] = value;\n  res.end();\n});", "javascript");
    const checked = view("function put(obj, a, b, v) {\n  if (a === '__proto__' || a === 'constructor') return;\n  obj[a][b] = v;\n}", "javascript");
    const literal = view("function put(obj, v) {\n  obj['x']['y'] = v;\n}", "javascript");
    expect(flaggedCwes(open, "prototype-pollution")).toEqual(["CWE-1321"]);
    expect(flaggedCwes(checked, "prototype-pollution")).toEqual([]);
    expect(hitsOf(literal, "prototype-pollution")).toEqual([]);
  });

  it("does not flag a merge of constants", () => {
    const js = view("const _ = require('lodash');\nfunction defaults() {\n  return _.merge({}, { a: 1 }, { b: 2 });\n}", "javascript");
    expect(flaggedCwes(js, "prototype-pollution")).toEqual([]);
  });
});

describe("XML parsing (CWE-611, CWE-776)", () => {
  it("flags entity resolution in lxml and libxmljs, and the standard library's unbounded expansion", () => {
    const lxml = view("from lxml import etree\nfrom flask import request\ndef parse():\n    parser = etree.XMLParser(resolve_entities=True)\n    return etree.fromstring(request.data, parser)", "python");
    const libxml = view("const libxmljs = require('libxmljs');\napp.post('/x', (req, res) => {\n  res.send(libxmljs.parseXml(req.body, { noent: true }).toString());\n});", "javascript");
    const bomb = view("import xml.etree.ElementTree as ET\nfrom flask import request\ndef parse():\n    return ET.fromstring(request.data)", "python");
    expect(flaggedCwes(lxml, "xml-parse")).toContain("CWE-611");
    expect(flaggedCwes(libxml, "xml-parse")).toContain("CWE-611");
    expect(flaggedCwes(bomb, "xml-entity-expansion")).toContain("CWE-776");
  });

  it("does not flag defusedxml nor libxmljs with entities off", () => {
    const defused = view("import defusedxml.ElementTree as ET\nfrom flask import request\ndef parse():\n    return ET.fromstring(request.data)", "python");
    const libxml = view("const libxmljs = require('libxmljs');\napp.post('/x', (req, res) => {\n  res.send(libxmljs.parseXml(req.body).toString());\n});", "javascript");
    expect(hitsOf(defused, "xml-entity-expansion")).toEqual([]);
    expect(hitsOf(libxml, "xml-parse")).toEqual([]);
  });
});
