// APIs real JavaScript uses that the tables learned from their documentation (covjs): browser inputs and
// client routers, GitHub Actions, AWS SDK query strings, Node's Location header. Each row fires on the
// exposed use and stays quiet on the correct one.
import { describe, expect, it } from "vitest";
import { useViews } from "../helpers/viewOf.js";
import { flaggedCwes, hitsOf } from "./knowledge/hits.js";

const { view } = useViews();
const js = (code: string) => view(code, "javascript");

describe("browser inputs", () => {
  it("reads window.name, dropped or pasted data and js-cookie as page inputs", () => {
    expect(flaggedCwes(js("function show() {\n  document.getElementById('out').innerHTML = window.name;\n}"), "html-output")).toContain("CWE-79");
    expect(flaggedCwes(js("function onDrop(e) {\n  const html = e.dataTransfer.getData('text/html');\n  preview.innerHTML = html;\n}"), "html-output")).toContain("CWE-79");
    expect(flaggedCwes(js("function onPaste(e) {\n  box.innerHTML = e.clipboardData.getData('text/html');\n}"), "html-output")).toContain("CWE-79");
    expect(flaggedCwes(js("function greet() {\n  $('#hello').html('Hi ' + Cookies.get('user'));\n}"), "html-output")).toContain("CWE-79");
  });

  it("reads Web Storage back as stored data, and a constant stays clean", () => {
    const v = js("function restore() {\n  $('#draft').html(localStorage.getItem('draft'));\n  $('#title').html('Drafts');\n}");
    const tainted = hitsOf(v, "html-output").filter((h) => h.tainted);
    expect(tainted).toHaveLength(1);
    expect(tainted[0]?.sources).toEqual(["stored"]);
  });

  it("knows Next.js's router and history: the query is input, push/replace navigate", () => {
    const next = js("import { useRouter } from 'next/router';\nexport default function Go() {\n  const r = useRouter();\n  r.push(r.query.returnTo);\n  r.push('/home');\n}");
    const hist = js("import { createBrowserHistory } from 'history';\nconst history = createBrowserHistory();\nfunction go() {\n  history.replace(history.location.hash.slice(1));\n}");
    expect(hitsOf(next, "redirect").map((h) => h.tainted)).toEqual([true, false]);
    expect(flaggedCwes(next, "redirect")).toEqual(["CWE-601"]);
    expect(flaggedCwes(hist, "redirect")).toContain("CWE-601");
  });

  it("flags scripts loaded from a URL and jsdom running a page's scripts, not jsdom's default", () => {
    expect(flaggedCwes(js("function start() {\n  new Worker(location.hash.slice(1));\n}"), "dynamic-import")).toContain("CWE-94");
    const dom = js("const { JSDOM } = require('jsdom');\napp.post('/render', (req, res) => {\n  new JSDOM(req.body.page, { runScripts: 'dangerously' });\n});");
    const inert = js("const { JSDOM } = require('jsdom');\napp.post('/render', (req, res) => {\n  new JSDOM(req.body.page);\n});");
    expect(flaggedCwes(dom, "html-output")).toContain("CWE-79");
    expect(hitsOf(inert, "html-output")).toEqual([]);
  });

  it("flags electron's shell.openExternal with a link from the page", () => {
    const v = js("const { shell } = require('electron');\nfunction open() {\n  shell.openExternal(location.hash.slice(1));\n}");
    expect(flaggedCwes(v, "shell")).toContain("CWE-78");
  });
});

describe("GitHub Actions", () => {
  it("reads the event payload and inputs as untrusted and @actions/exec as a command line", () => {
    const v = js("import { exec } from '@actions/exec';\nimport { context } from '@actions/github';\nasync function run() {\n  await exec('git checkout ' + context.payload.pull_request.head.ref);\n  await exec('git', ['fetch', '--all']);\n}");
    const hits = hitsOf(v, "shell");
    expect(hits.map((h) => h.tainted)).toEqual([true, false]);
    expect(hits[0]?.sources).toEqual(["request"]);
    const input = js("const core = require('@actions/core');\nconst { execSync } = require('child_process');\nfunction run() {\n  execSync('echo ' + core.getInput('greeting'));\n}");
    expect(hitsOf(input, "shell")[0]?.sources).toEqual(["argv"]);
  });
});

describe("AWS SDK query strings", () => {
  it("flags an Athena or PartiQL statement built from a request, not bound parameters", () => {
    const v = js("app.post('/report', async (req, res) => {\n  await client.send(new StartQueryExecutionCommand({ QueryString: 'SELECT * FROM logs WHERE day = ' + req.body.day }));\n  await ddb.executeStatement({ Statement: 'SELECT * FROM users WHERE id = ?', Parameters: [{ S: req.body.id }] }).promise();\n});");
    const hits = hitsOf(v, "sql");
    expect(hits.map((h) => h.tainted)).toEqual([true, false]);
    expect(flaggedCwes(v, "sql")).toEqual(["CWE-89"]);
  });
});

describe("Node's Location header", () => {
  it("flags writeHead and setHeader redirects to a query value, not a fixed path or another header", () => {
    const v = js("const url = require('url');\nhttp.createServer((req, res) => {\n  const target = url.parse(req.url, true).query.next;\n  res.writeHead(302, { Location: target });\n  res.writeHead(302, { Location: '/login' });\n  res.setHeader('Location', target);\n  res.setHeader('X-Request-Id', target);\n  res.end();\n});");
    const redirects = hitsOf(v, "redirect");
    expect(redirects.map((h) => [h.line, h.tainted])).toEqual([[4, true], [5, false], [6, true]]);
  });
});

describe("prototype-polluting assignment (view)", () => {
  it("flags obj[a][b] = v when a key comes from input or a caller, not fixed keys or loop indices", () => {
    const lib = js("function setPath(target, path, value) {\n  target[path[0]][path[1]] = value;\n}");
    const route = js("app.post('/prefs', (req, res) => {\n  prefs[req.body.section][req.body.key] = req.body.value;\n  prefs['ui'][req.body.key] = 1;\n});");
    const grid = js("function clear(n) {\n  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cells[i][j] = 0;\n}");
    expect(flaggedCwes(lib, "prototype-pollution")).toEqual(["CWE-1321"]);
    expect(hitsOf(route, "prototype-pollution").map((h) => h.line)).toEqual([2]);
    expect(hitsOf(grid, "prototype-pollution")).toEqual([]);
  });

  it("leaves Python's nested subscripts alone (no prototypes there)", () => {
    const py = view("def put(table, a, b, v):\n    table[a][b] = v", "python");
    expect(hitsOf(py, "prototype-pollution")).toEqual([]);
  });
});

describe("fs stand-ins, page loaders, GraphQL and the module loader", () => {
  it("reads fs-extra, graceful-fs, mkdirp and make-dir as file paths, a fixed directory as clean", () => {
    const v = js("const fse = require('fs-extra');\nconst gfs = require('graceful-fs');\nconst mkdirp = require('mkdirp');\nconst { makeDirectory } = require('make-dir');\napp.post('/save', async (req, res) => {\n  await fse.outputFile(req.body.name, req.body.text);\n  gfs.readFile(req.query.f, () => {});\n  mkdirp.sync(req.query.dir);\n  await makeDirectory(req.query.dir);\n  await fse.ensureDir('/var/cache/app');\n});");
    expect(flaggedCwes(v, "file-write")).toEqual(["CWE-22"]);
    expect(hitsOf(v, "file-path").map((h) => [h.line, h.tainted])).toEqual([[7, true], [8, true], [9, true], [10, false]]);
  });

  it("flags a headless page or jsdom fetching a URL from the request, not a fixed one", () => {
    const v = js("const { JSDOM } = require('jsdom');\napp.get('/preview', async (req, res) => {\n  const page = await browser.newPage();\n  await page.goto(req.query.url);\n  await page.goto('https://example.com/status');\n  await JSDOM.fromURL(req.query.url);\n  cdp.Page.navigate({ url: req.query.url });\n});");
    expect(hitsOf(v, "http-request").map((h) => [h.line, h.tainted])).toEqual([[4, true], [5, false], [6, true], [7, true]]);
  });

  it("flags an Octokit GraphQL query built from input, not one passing it as a variable", () => {
    const v = js("const github = require('@actions/github');\napp.get('/repo/:name', async (req, res) => {\n  const kit = github.getOctokit(process.env.GH_TOKEN);\n  await kit.graphql(`{ repository(owner: \"acme\", name: \"${req.params.name}\") { id } }`);\n  await kit.graphql('query($n: String!) { repository(owner: \"acme\", name: $n) { id } }', { n: req.params.name });\n});");
    expect(hitsOf(v, "nosql").map((h) => h.tainted)).toEqual([true, false]);
  });

  it("flags Module#_compile of request text as code evaluation", () => {
    const v = js("const Module = require('module');\napp.post('/plugin', (req, res) => {\n  const m = new Module('plugin');\n  m._compile(req.body.source, 'plugin.js');\n});");
    expect(flaggedCwes(v, "code-eval")).toEqual(["CWE-94"]);
  });
});

describe("command-line argument parsers", () => {
  it("reads yargs (argv or parse() after a chain) and minimist as the invoker's arguments", () => {
    const v = js("const cp = require('child_process');\nconst argv = require('yargs').option('t', { type: 'string' }).argv;\ncp.exec('make ' + argv.t);\nconst opts = require('yargs').option('o', {}).parse();\ncp.exec('make ' + opts.o);\ncp.exec('make ' + require('minimist')(process.argv.slice(2)).target);\ncp.exec('make clean');");
    expect(hitsOf(v, "shell").map((h) => [h.line, h.tainted])).toEqual([[3, true], [5, true], [6, true], [7, false]]);
    expect(hitsOf(v, "shell")[0]?.sources).toEqual(["argv"]);
  });
});

describe("promisified functions and modules (view)", () => {
  it("reads a promisified exec (bound or not) and a promisifyAll'd child_process as what they wrap", () => {
    const v = js("const cp = require('child_process');\nconst util = require('util');\napp.post('/run', async (req, res) => {\n  const execAsync = util.promisify(cp.exec.bind(cp));\n  await execAsync(req.body.cmd);\n  const pcp = require('bluebird').promisifyAll(require('child_process'));\n  await pcp.execAsync;\n  pcp.exec(req.body.cmd);\n  await execAsync('git status');\n});");
    expect(hitsOf(v, "shell").map((h) => [h.line, h.tainted])).toEqual([[5, true], [8, true], [9, false]]);
  });

  it("does not read a promisified setTimeout as setTimeout (its promised form takes a delay)", () => {
    const v = js("const util = require('util');\nconst sleep = util.promisify(setTimeout);\napp.get('/wait', async (req, res) => {\n  await sleep(req.query.ms);\n});");
    expect(hitsOf(v, "code-eval")).toEqual([]);
  });
});

describe("mail", () => {
  it("flags request text in a nodemailer html body, not in the plain-text body", () => {
    const v = js("const nodemailer = require('nodemailer');\napp.post('/notify', (req, res) => {\n  const t = nodemailer.createTransport({});\n  t.sendMail({ to: 'ops@example.com', subject: 'Note', html: `<p>${req.body.note}</p>` });\n  t.sendMail({ to: 'ops@example.com', subject: 'Note', text: req.body.note });\n});");
    expect(hitsOf(v, "html-output").map((h) => [h.line, h.tainted])).toEqual([[4, true], [5, false]]);
  });
});
