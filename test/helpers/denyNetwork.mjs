// Preload (`node --import ./test/helpers/denyNetwork.mjs …`) that refuses every outbound connection other
// than to the loopback, and appends each refused attempt as one JSON line to $DENY_NETWORK_LOG.
import { appendFileSync } from "node:fs";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { syncBuiltinESMExports } from "node:module";
import net from "node:net";
import tls from "node:tls";

const LOG = process.env.DENY_NETWORK_LOG;
const LOCAL = new Set(["127.0.0.1", "::1", "localhost", "::ffff:127.0.0.1"]);

function isLocal(host) {
  if (host === undefined || host === null || host === "") return true; // Node's default host is localhost
  const h = String(host).replace(/^\[|\]$/g, "").toLowerCase();
  return LOCAL.has(h) || /^127\./.test(h);
}

function refuse(api, host, port) {
  const entry = { api, host: String(host), port: port === undefined ? null : String(port), pid: process.pid, argv: process.argv.slice(2).join(" ") };
  if (LOG) appendFileSync(LOG, JSON.stringify(entry) + "\n");
  const err = new Error(`denyNetwork: outbound connection to ${host}:${port ?? ""} refused (${api})`);
  err.code = "ECONNREFUSED";
  return err;
}

/** Host and port of net/tls connect arguments: (options), (port, host), (path). */
function target(args) {
  const [a, b] = args;
  if (a && typeof a === "object") return a.path ? { local: true } : { host: a.host ?? a.hostname, port: a.port };
  if (typeof a === "string" && Number.isNaN(Number(a))) return { local: true }; // a Unix socket path
  return { host: typeof b === "string" ? b : undefined, port: a };
}

const socketConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const normalized = Array.isArray(args[0]) ? args[0] : args; // Node passes [options, cb] internally
  const t = target(normalized);
  if (!t.local && !isLocal(t.host)) {
    const err = refuse("net.Socket.connect", t.host, t.port);
    process.nextTick(() => this.destroy(err));
    return this;
  }
  return socketConnect.apply(this, args);
};

for (const [mod, name] of [[net, "connect"], [net, "createConnection"], [tls, "connect"]]) {
  const original = mod[name];
  mod[name] = function (...args) {
    const t = target(args);
    if (!t.local && !isLocal(t.host)) throw refuse(`${mod === tls ? "tls" : "net"}.${name}`, t.host, t.port);
    return original.apply(this, args);
  };
}

const lookup = dns.lookup;
dns.lookup = function (host, ...rest) {
  if (!isLocal(host)) {
    const cb = rest.find((x) => typeof x === "function");
    const err = refuse("dns.lookup", host);
    if (cb) process.nextTick(() => cb(err));
    return {};
  }
  return lookup.call(this, host, ...rest);
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = async function (host, ...rest) {
  if (!isLocal(host)) throw refuse("dns.promises.lookup", host);
  return lookupPromise.call(this, host, ...rest);
};

function urlTarget(args) {
  const a = args[0];
  if (typeof a === "string" || a instanceof URL) {
    const u = new URL(String(a));
    return { host: u.hostname, port: u.port };
  }
  return { host: a?.hostname ?? a?.host, port: a?.port };
}
for (const mod of [http, https]) {
  for (const name of ["request", "get"]) {
    const original = mod[name];
    mod[name] = function (...args) {
      const t = urlTarget(args);
      if (!isLocal(t.host)) throw refuse(`${mod === https ? "https" : "http"}.${name}`, t.host, t.port);
      return original.apply(this, args);
    };
  }
}

const realFetch = globalThis.fetch;
if (realFetch) {
  globalThis.fetch = async function (input, init) {
    const url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url);
    if (!isLocal(url.hostname)) throw refuse("fetch", url.hostname, url.port);
    return realFetch.call(this, input, init);
  };
}

// Named ESM imports of builtins (`import { connect } from "node:net"`) see the patched functions too.
syncBuiltinESMExports();
