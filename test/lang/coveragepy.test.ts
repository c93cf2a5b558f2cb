// Python APIs real code uses that the engine did not know (branch covpy), each learned from its library's
// documentation: every row fires where input reaches the API and stays quiet on the correct use.
import { describe, expect, it } from "vitest";
import { useViews } from "../helpers/viewOf.js";
import { flaggedCwes, hitsOf } from "./knowledge/hits.js";

const { view } = useViews();

describe("a client made by a module factory, whatever its name", () => {
  it("reads a requests session called `session` as requests, as it reads one called `s`", () => {
    const named = view("import requests\nfrom flask import request\ndef fetch():\n    session = requests.Session()\n    return session.get(request.args['url']).text", "python");
    const short = view("import requests\nfrom flask import request\ndef fetch():\n    s = requests.Session()\n    return s.get(request.args['url']).text", "python");
    for (const v of [named, short]) expect(flaggedCwes(v, "http-request")).toContain("CWE-918");
  });

  it("does not flag a session that fetches a constant URL", () => {
    const v = view("import requests\ndef health():\n    session = requests.Session()\n    return session.get('https://status.example.com/ping').ok", "python");
    expect(flaggedCwes(v, "http-request")).toEqual([]);
  });
});

describe("requests.request(method, url)", () => {
  it("flags the URL in the second position and the url= keyword", () => {
    const pos = view("import requests\nfrom flask import request\ndef proxy():\n    return requests.request('POST', request.form['target'], data={'a': 1}).status_code", "python");
    const kw = view("import requests\nfrom flask import request\ndef proxy():\n    return requests.request(method='GET', url=request.args['to']).text", "python");
    for (const v of [pos, kw]) expect(flaggedCwes(v, "http-request")).toContain("CWE-918");
  });

  it("does not flag a method from input with a constant URL", () => {
    const v = view("import requests\nfrom flask import request\ndef call():\n    return requests.request(request.args['verb'], 'https://api.example.com/v1/items').json()", "python");
    expect(flaggedCwes(v, "http-request")).toEqual([]);
  });
});

describe("Azure SDK clients built from a URL (CWE-918)", () => {
  it("flags a Key Vault or storage client whose URL comes from the request", () => {
    const vault = view("from azure.keyvault.secrets import SecretClient\nfrom flask import request\ndef secret(cred):\n    vault = request.args['vault']\n    client = SecretClient(vault_url=f'https://{vault}.vault.azure.net', credential=cred)\n    return client.get_secret('db').value", "python");
    const blob = view("from azure.storage.blob import BlobClient\nfrom flask import request\ndef download():\n    client = BlobClient.from_blob_url(request.json['blob'])\n    return client.download_blob().readall()", "python");
    const helper = view("from azure.storage.blob import download_blob_from_url\nfrom flask import request\ndef fetch(cred):\n    download_blob_from_url(request.args['src'], '/tmp/out.bin', credential=cred)", "python");
    const service = view("from azure.storage.blob import BlobServiceClient\nfrom flask import request\ndef containers(cred):\n    svc = BlobServiceClient(request.headers['X-Account'], credential=cred)\n    return [c.name for c in svc.list_containers()]", "python");
    for (const v of [vault, blob, helper, service]) expect(flaggedCwes(v, "http-request")).toContain("CWE-918");
  });

  it("does not flag a client on the configured account whose blob name comes from input", () => {
    const v = view("import os\nfrom azure.storage.blob import BlobServiceClient\nfrom flask import request\ndef read(cred):\n    svc = BlobServiceClient(account_url='https://acme.blob.core.windows.net', credential=cred)\n    return svc.get_blob_client('reports', request.args['name']).download_blob().readall()", "python");
    expect(flaggedCwes(v, "http-request")).toEqual([]);
  });
});

describe("pathlib segments (CWE-22)", () => {
  it("flags input in any segment of Path(…), not only the first", () => {
    const second = view("import pathlib\nfrom flask import request\ndef show():\n    return pathlib.Path('/srv/files', request.args['name']).read_text()", "python");
    const imported = view("from pathlib import Path\nfrom flask import request\ndef show():\n    name = request.args['name']\n    return Path('/srv', 'files', name).read_bytes()", "python");
    for (const v of [second, imported]) expect(flaggedCwes(v, "file-path")).toContain("CWE-22");
  });

  it("does not flag constant segments, nor a name reduced to its last part", () => {
    const constant = view("from pathlib import Path\ndef config():\n    return Path('/etc', 'app', 'config.toml').read_text()", "python");
    const base = view("import os\nfrom pathlib import Path\nfrom flask import request\ndef show():\n    return Path('/srv/files', os.path.basename(request.args['name'])).read_text()", "python");
    expect(hitsOf(constant, "file-path").filter((h) => h.tainted)).toEqual([]);
    expect(flaggedCwes(base, "file-path")).toEqual([]);
  });
});

describe("commands through Python 2 pipes, Fabric, Invoke and paramiko (CWE-78)", () => {
  it("flags a command built from input in each", () => {
    const legacy = view("import os\nfrom flask import request\ndef grep():\n    child_in, child_out = os.popen2('grep -r ' + request.args['q'] + ' /var/log')\n    return child_out.read()", "python");
    const platform = view("import platform\nfrom flask import request\ndef ping():\n    return platform.popen('ping -c1 ' + request.args['host']).read()", "python");
    const fabric1 = view("from fabric.api import sudo\nfrom flask import request\ndef restart():\n    sudo('systemctl restart %s' % request.form['unit'])", "python");
    const fabric2 = view("from fabric import Connection\nfrom flask import request\ndef tail():\n    c = Connection('web1.internal')\n    return c.run('tail -n 50 ' + request.args['log'], hide=True).stdout", "python");
    const ssh = view("import paramiko\nfrom flask import request\ndef disk():\n    client = paramiko.SSHClient()\n    client.connect('db1.internal')\n    stdin, stdout, stderr = client.exec_command(f\"du -sh {request.args['dir']}\")\n    return stdout.read()", "python");
    for (const v of [legacy, platform, fabric1, fabric2, ssh]) expect(flaggedCwes(v, "shell")).toContain("CWE-78");
  });

  it("does not flag constant commands, nor a quoted argument", () => {
    const constant = view("from fabric import Connection\ndef uptime():\n    c = Connection('web1.internal')\n    return c.run('uptime', hide=True).stdout", "python");
    const quoted = view("import shlex, paramiko\nfrom flask import request\ndef disk():\n    client = paramiko.SSHClient()\n    stdin, stdout, stderr = client.exec_command('du -sh ' + shlex.quote(request.args['dir']))\n    return stdout.read()", "python");
    expect(flaggedCwes(constant, "shell")).toEqual([]);
    expect(flaggedCwes(quoted, "shell")).toEqual([]);
  });
});

describe("asymmetric keys by position and weak curves (CWE-326)", () => {
  it("flags a 1024-bit RSA or DSA key and a curve under 224 bits", () => {
    const rsa = view("from cryptography.hazmat.primitives.asymmetric import rsa\ndef make():\n    return rsa.generate_private_key(65537, 1024)", "python");
    const dsa = view("from cryptography.hazmat.primitives.asymmetric import dsa\ndef make():\n    return dsa.generate_private_key(1024)", "python");
    const ec = view("from cryptography.hazmat.primitives.asymmetric import ec\ndef make():\n    return ec.generate_private_key(ec.SECP192R1())", "python");
    for (const v of [rsa, dsa, ec]) expect(flaggedCwes(v, "small-key")).toContain("CWE-326");
  });

  it("does not flag 3072-bit RSA or a P-384 curve", () => {
    const rsa = view("from cryptography.hazmat.primitives.asymmetric import rsa\ndef make():\n    return rsa.generate_private_key(65537, 3072)", "python");
    const ec = view("from cryptography.hazmat.primitives.asymmetric import ec\ndef make():\n    return ec.generate_private_key(curve=ec.SECP384R1())", "python");
    for (const v of [rsa, ec]) expect(hitsOf(v, "small-key")).toEqual([]);
  });
});

describe("ssl.wrap_socket's default protocol (CWE-327) and Werkzeug's headers.extend (CWE-113)", () => {
  it("flags wrap_socket with no ssl_version, and not with TLS 1.2 named", () => {
    const bare = view("import ssl, socket\ndef connect(host):\n    s = ssl.wrap_socket(socket.create_connection((host, 443)))\n    return s", "python");
    const pinned = view("import ssl, socket\ndef connect(host):\n    return ssl.wrap_socket(socket.create_connection((host, 443)), ssl_version=ssl.PROTOCOL_TLSv1_2)", "python");
    expect(flaggedCwes(bare, "weak-crypto")).toContain("CWE-327");
    expect(hitsOf(pinned, "weak-crypto")).toEqual([]);
  });

  it("flags headers from input added with extend, and not constant ones", () => {
    const tainted = view("from flask import request, make_response\ndef r():\n    resp = make_response('ok')\n    resp.headers.extend({'X-Trace': request.args['trace']})\n    return resp", "python");
    const constant = view("from flask import make_response\ndef r():\n    resp = make_response('ok')\n    resp.headers.extend([('Cache-Control', 'no-store')])\n    return resp", "python");
    expect(flaggedCwes(tainted, "header-write")).toContain("CWE-113");
    expect(flaggedCwes(constant, "header-write")).toEqual([]);
  });
});

describe("libxml2 XPath, python-ldap's filterstr= and Django's request logger", () => {
  it("flags input in a libxml2 expression and in a filter passed by name", () => {
    const xpath = view("import libxml2\nfrom flask import request\ndef find():\n    doc = libxml2.parseFile('users.xml')\n    ctxt = doc.xpathNewContext()\n    return ctxt.xpathEval(\"//user[@id='\" + request.args['id'] + \"']\")", "python");
    const ldap = view("import ldap\nfrom flask import request\ndef who():\n    conn = ldap.initialize('ldap://dir.internal')\n    return conn.search_s('ou=people,dc=acme', ldap.SCOPE_SUBTREE, filterstr='(mail=%s)' % request.args['mail'])", "python");
    expect(flaggedCwes(xpath, "xpath")).toContain("CWE-643");
    expect(flaggedCwes(ldap, "ldap")).toContain("CWE-90");
  });

  it("does not flag a constant expression, nor an escaped filter passed by name", () => {
    const xpath = view("import libxml2\ndef admins():\n    doc = libxml2.parseFile('users.xml')\n    return doc.xpathEval(\"//user[@role='admin']\")", "python");
    const ldap = view("import ldap\nfrom ldap.filter import escape_filter_chars\nfrom flask import request\ndef who():\n    conn = ldap.initialize('ldap://dir.internal')\n    return conn.search_s('ou=people,dc=acme', ldap.SCOPE_SUBTREE, filterstr='(mail=%s)' % escape_filter_chars(request.args['mail']))", "python");
    expect(flaggedCwes(xpath, "xpath")).toEqual([]);
    expect(flaggedCwes(ldap, "ldap")).toEqual([]);
  });

  it("reads Django's request_logger as a logger, and a constant message as harmless", () => {
    const tainted = view("from django.utils.log import request_logger\ndef view(request):\n    request_logger.warning('bad login for ' + request.GET['user'])", "python");
    const constant = view("from django.utils.log import request_logger\ndef view(request):\n    request_logger.warning('bad login')", "python");
    expect(hitsOf(tainted, "log-output").some((h) => h.tainted && h.sources.length > 0)).toBe(true);
    expect(hitsOf(constant, "log-output").some((h) => h.sources.length > 0)).toBe(false);
  });
});

describe("a name bound to a module's function (`gen = rsa.generate_private_key`)", () => {
  it("reads the name as that function when it is called, at module level and in a function", () => {
    const top = view("from cryptography.hazmat.primitives.asymmetric import dsa\nmake_key = dsa.generate_private_key\ndef key():\n    return make_key(key_size=1024)", "python");
    const inner = view("import subprocess\nfrom flask import request\ndef ping():\n    call = subprocess.check_output\n    return call('ping -c1 ' + request.args['host'], shell=True)", "python");
    expect(flaggedCwes(top, "small-key")).toContain("CWE-326");
    expect(flaggedCwes(inner, "shell")).toContain("CWE-78");
  });

  it("reads no object's attribute as a module function, and a strong key as none", () => {
    const attr = view("from flask import request\nclass Jobs:\n    def go(self):\n        call = self.runner.call\n        return call(request.args['job'])", "python");
    const strong = view("from cryptography.hazmat.primitives.asymmetric import rsa\nmake_key = rsa.generate_private_key\ndef key():\n    return make_key(public_exponent=65537, key_size=4096)", "python");
    expect(attr.sinks).toEqual([]);
    expect(hitsOf(strong, "small-key")).toEqual([]);
  });
});
