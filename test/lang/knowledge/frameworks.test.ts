// Frameworks, runtimes and code as people paste it: handlers read from their signatures, modules used without
// their import, and the hit saying what was assumed.
import { describe, expect, it } from "vitest";
import { useViews } from "../../helpers/viewOf.js";
import { flaggedCwes, hitsOf } from "./hits.js";

const { view } = useViews();

describe("snippets without their imports", () => {
  it("reads `cp` and `sp` as child_process and subprocess, and says so in the hit", () => {
    const js = view("app.get('/ls', (req, res) => {\n  cp.exec('ls ' + req.query.dir, (err, out) => res.send(out));\n});", "javascript");
    const py = view("from flask import request\ndef ls():\n    return sp.check_output('ls ' + request.args['d'], shell=True)", "python");
    const jsHit = hitsOf(js, "shell")[0];
    const pyHit = hitsOf(py, "shell")[0];
    expect(jsHit?.unguarded).toBe(true);
    expect(jsHit?.inferred).toContain("sink: cp read as child_process (no import)");
    expect(pyHit?.unguarded).toBe(true);
    expect(pyHit?.inferred).toContain("sink: sp read as subprocess (no import)");
  });

  it("assumes nothing when the name is imported, a parameter or a local", () => {
    const imported = view("const cp = require('child_process');\napp.get('/ls', (req, res) => {\n  cp.exec('ls ' + req.query.dir);\n});", "javascript");
    const param = view("function run(cp, dir) {\n  return cp.exec('ls ' + dir);\n}", "javascript");
    expect(hitsOf(imported, "shell")[0]?.inferred).toEqual([]);
    expect(hitsOf(param, "shell")).toEqual([]);
  });

  it("keeps `execFile` with an argument array apart from a shell", () => {
    const js = view("const { execFile } = require('child_process');\napp.get('/ls', (req, res) => {\n  execFile('ls', ['--', req.query.dir]);\n});", "javascript");
    expect(hitsOf(js, "shell")).toEqual([]);
    expect(hitsOf(js, "spawn").length).toBe(1);
  });
});

describe("serverless and route handlers", () => {
  it("reads a Lambda handler's event as a request and says the source was read from the signature", () => {
    const js = view("exports.handler = async (event) => {\n  const { exec } = require('child_process');\n  exec('convert ' + event.queryStringParameters.file);\n  return { statusCode: 200 };\n};", "javascript");
    const hit = hitsOf(js, "shell")[0];
    expect(js.handler).toBe(true);
    expect(js.sources).toContain("request");
    expect(hit?.unguarded).toBe(true);
    expect(hit?.inferred.some((n) => n.startsWith("source: event read as a serverless event"))).toBe(true);
  });

  it("reads a Next.js route handler's request and an Azure function's req", () => {
    const next = view("export async function GET(request) {\n  const target = request.nextUrl.searchParams.get('url');\n  return fetch(target);\n}", "javascript");
    const azure = view("module.exports = async function (context, req) {\n  context.res = { body: await fetch(req.query.url) };\n};", "javascript");
    expect(flaggedCwes(next, "http-request")).toContain("CWE-918");
    expect(flaggedCwes(azure, "http-request")).toContain("CWE-918");
  });

  it("reads Tornado, aiohttp and Bottle request inputs", () => {
    const tornado = view("import tornado.web\nclass H(tornado.web.RequestHandler):\n    def get(self):\n        self.redirect(self.get_argument('next'))", "python");
    const aiohttp = view("from aiohttp import web\nasync def handle(request):\n    name = request.match_info['name']\n    return web.Response(text='<h1>' + name + '</h1>', content_type='text/html')", "python");
    const bottle = view("from bottle import request, redirect\ndef go():\n    redirect(request.query.next)", "python");
    expect(flaggedCwes(tornado, "redirect")).toContain("CWE-601");
    expect(flaggedCwes(aiohttp, "html-output")).toContain("CWE-79");
    expect(flaggedCwes(bottle, "redirect")).toContain("CWE-601");
  });
});

describe("runtimes and process libraries", () => {
  it("flags Deno, Bun, execa and cross-spawn commands from input", () => {
    const deno = view("Deno.serve(async (req) => {\n  const url = new URL(req.url);\n  const p = Deno.run({ cmd: ['sh', '-c', url.searchParams.get('c')] });\n  return new Response(await p.output());\n});", "javascript");
    const execa = view("const { execaCommand } = require('execa');\napp.get('/x', async (req, res) => {\n  res.send(await execaCommand(req.query.cmd));\n});", "javascript");
    const spawn = view("const spawn = require('cross-spawn');\napp.get('/x', (req, res) => {\n  spawn(req.query.bin, [], { shell: true });\n});", "javascript");
    expect(hitsOf(deno, "spawn").some((h) => h.tainted)).toBe(true);
    expect(flaggedCwes(execa, "shell")).toContain("CWE-78");
    expect(flaggedCwes(spawn, "shell")).toContain("CWE-78");
  });
});

describe("tokens and response bodies", () => {
  it("reads jose's decodeJwt as an unverified token and Koa's string body as markup", () => {
    const jose = view("import * as jose from 'jose';\nexport function claims(token) {\n  return jose.decodeJwt(token);\n}", "javascript");
    const koa = view("router.get('/hi', (ctx) => {\n  ctx.body = '<h1>' + ctx.request.query.name + '</h1>';\n});", "javascript");
    expect(hitsOf(jose, "token-decode").length).toBe(1);
    expect(flaggedCwes(koa, "html-output")).toContain("CWE-79");
  });
});

describe("Python process and pickle entry points", () => {
  it("flags pty.spawn and os.spawn* with input, and pandas pickles read from an upload", () => {
    const pty = view("import pty, sys\ndef shell():\n    pty.spawn(sys.argv[1])", "python");
    const spawn = view("import os, sys\ndef run():\n    os.spawnvp(os.P_WAIT, sys.argv[1], sys.argv[1:])", "python");
    const pickle = view("import pandas as pd\nfrom flask import request\ndef load():\n    return pd.read_pickle(request.files['f'])", "python");
    expect(hitsOf(pty, "spawn").some((h) => h.tainted)).toBe(true);
    expect(hitsOf(spawn, "spawn").some((h) => h.tainted)).toBe(true);
    expect(flaggedCwes(pickle, "deserialize")).toContain("CWE-502");
  });
});

describe("templates and markup", () => {
  it("reads templates compiled from input as CWE-1336 and DOM bypasses as CWE-79", () => {
    const flask = view("from flask import request, render_template_string\ndef hello():\n    return render_template_string('Hello ' + request.args['name'])", "python");
    const nunjucks = view("const nunjucks = require('nunjucks');\napp.get('/', (req, res) => res.send(nunjucks.renderString(req.query.tpl, {})));", "javascript");
    const angular = view("class C {\n  constructor(private s: DomSanitizer) {}\n  show() {\n    this.html = this.s.bypassSecurityTrustHtml(location.hash.slice(1));\n  }\n}", "typescript");
    const jquery = view("$(window.location.hash);\n$('#out').html(document.referrer);", "javascript");
    expect(flaggedCwes(flask, "template-eval")).toEqual(["CWE-1336"]);
    expect(flaggedCwes(nunjucks, "template-eval")).toEqual(["CWE-1336"]);
    expect(flaggedCwes(angular, "html-output")).toContain("CWE-79");
    expect(flaggedCwes(jquery, "html-output").length).toBe(2);
  });

  it("does not flag a template file rendered with data, nor a jQuery selector literal", () => {
    const flask = view("from flask import request, render_template\ndef hello():\n    return render_template('hello.html', name=request.args['name'])", "python");
    const jquery = view("$('#out').text(location.hash);", "javascript");
    expect(hitsOf(flask, "template-eval")).toEqual([]);
    expect(hitsOf(jquery, "html-output")).toEqual([]);
  });
});
