// Network guard for tests (DESIGN.md §5: no outbound connection). Preloaded into every process of a
// run with NODE_OPTIONS="--import <this file's URL>" (child processes inherit NODE_OPTIONS, so the job
// processes the CLI forks load it too). It wraps every way Node code opens a connection or resolves a
// name — net.Socket#connect, net.connect/createConnection, tls.connect, dns lookup/resolve* (callback
// and promises APIs, Resolver classes), http(s).request/get, fetch and WebSocket — and appends one JSON
// line per attempt whose target is not loopback or a local socket/pipe path to $NETWORK_GUARD_LOG:
// { kind: 'attempt', pid, api, target, stack }. Loopback passes through untouched. Each guarded process
// also appends { kind: 'loaded', pid, ppid, argv } so a test can prove the guard reached it.
// NETWORK_GUARD_MODE=block additionally refuses a recorded attempt before the real call (so nothing
// leaves the machine): the control test uses it; the normal mode only records.
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import { isMainThread } from 'node:worker_threads';

const LOG = process.env.NETWORK_GUARD_LOG;
const BLOCK = process.env.NETWORK_GUARD_MODE === 'block';
const MARK = Symbol.for('studio.networkGuard');

function write(record) {
  if (!LOG) return;
  // One appendFileSync per line: O_APPEND keeps lines from different processes whole.
  appendFileSync(LOG, `${JSON.stringify({ ...record, pid: process.pid })}\n`);
}

/** Is `host` (a name or an address, IPv4 or IPv6, maybe bracketed) a loopback target? */
export function isLoopbackHost(host) {
  if (host === undefined || host === null || host === '') return true; // Node's default host is localhost
  let h = String(host).toLowerCase().trim();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h.startsWith('::ffff:')) h = h.slice(7);
  if (net.isIPv4(h)) return h.split('.')[0] === '127';
  if (net.isIPv6(h)) return /^(0{0,4}:){2,7}0{0,3}1$/.test(h) || h === '::1';
  return false;
}

let depth = 0; // > 0 while inside a wrapped call: nested layers of the same attempt are not logged twice

/** Records (and in block mode refuses) a non-loopback attempt; returns an Error when refused. */
function check(api, target, loopback) {
  if (loopback || depth > 0) return null;
  const stack = (new Error().stack ?? '').split('\n').slice(3, 15).map((line) => line.trim());
  write({ kind: 'attempt', api, target, stack });
  if (!BLOCK) return null;
  const error = new Error(`network guard: blocked ${api} to ${JSON.stringify(target)}`);
  error.code = 'ENETUNREACH';
  return error;
}

function nested(fn) {
  depth += 1;
  try {
    return fn();
  } finally {
    depth -= 1;
  }
}

/** Normalizes net's (port, host) | (options) | (path) | ([options, cb]) argument forms. */
function socketTarget(args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0]; // the internal normalized form
  if (first && typeof first === 'object') {
    if (first.path !== undefined) return { target: { path: String(first.path) }, loopback: true };
    return { target: { host: first.host ?? first.hostname ?? 'localhost', port: first.port }, loopback: isLoopbackHost(first.host ?? first.hostname) };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { target: { path: first }, loopback: true };
  const host = typeof args[1] === 'string' ? args[1] : undefined;
  return { target: { host: host ?? 'localhost', port: first }, loopback: isLoopbackHost(host) };
}

function wrap(owner, name, api, targetOf, failAsync) {
  const original = owner[name];
  if (typeof original !== 'function' || original[MARK]) return;
  const wrapped = function (...args) {
    const { target, loopback } = targetOf(args);
    const refused = check(api, target, loopback);
    if (refused) return failAsync(refused, args, this);
    return nested(() => original.apply(this, args));
  };
  wrapped[MARK] = true;
  Object.defineProperty(wrapped, 'name', { value: original.name });
  owner[name] = wrapped;
}

const throwIt = (error) => {
  throw error;
};
const callbackOf = (args) => [...args].reverse().find((a) => typeof a === 'function');
const failCallback = (error, args) => {
  const cb = callbackOf(args);
  if (cb) process.nextTick(cb, error);
  else throw error;
};
const rejectIt = (error) => Promise.reject(error);

// Sockets: the prototype catches every TCP/TLS connection (http, https, ws, undici all end up here).
wrap(net.Socket.prototype, 'connect', 'net.Socket.connect', socketTarget, (error, _args, socket) => {
  process.nextTick(() => socket.destroy(error));
  return socket;
});
// Refused (block mode) → a socket that fails with the error on the next tick, as a real failure would.
const failedSocket = (error) => {
  const socket = new net.Socket();
  process.nextTick(() => socket.destroy(error));
  return socket;
};
for (const name of ['connect', 'createConnection']) wrap(net, name, `net.${name}`, socketTarget, failedSocket);
wrap(tls, 'connect', 'tls.connect', socketTarget, failedSocket);

// Name resolution: a lookup of a public name is a DNS query leaving the machine.
const hostArg = (args) => ({ target: { host: String(args[0]) }, loopback: isLoopbackHost(args[0]) });
const dnsNames = (owner) => Object.keys(owner).filter((n) => /^(lookup|lookupService|resolve\w*|reverse)$/.test(n) && typeof owner[n] === 'function');
for (const name of dnsNames(dns)) wrap(dns, name, `dns.${name}`, hostArg, failCallback);
for (const name of dnsNames(dns.promises)) wrap(dns.promises, name, `dns.promises.${name}`, hostArg, rejectIt);
for (const proto of [dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
  const prefix = proto === dns.Resolver.prototype ? 'dns.Resolver' : 'dns.promises.Resolver';
  const names = Object.getOwnPropertyNames(proto).filter((n) => /^(resolve\w*|reverse)$/.test(n));
  for (const name of names) wrap(proto, name, `${prefix}.${name}`, hostArg, prefix.includes('promises') ? rejectIt : failCallback);
}

// HTTP(S): request/get take a URL string, a URL or options (with host/hostname/socketPath).
function requestTarget(args) {
  const [a, b] = args;
  let url = null;
  let options = {};
  if (typeof a === 'string' || a instanceof URL) {
    url = new URL(String(a));
    if (b && typeof b === 'object' && typeof b !== 'function') options = b;
  } else if (a && typeof a === 'object') options = a;
  if (options.socketPath) return { target: { path: String(options.socketPath) }, loopback: true };
  const host = options.hostname ?? options.host ?? url?.hostname;
  return { target: { url: url?.href, host: host ?? 'localhost', port: options.port ?? url?.port }, loopback: isLoopbackHost(host) };
}
for (const [mod, label] of [[http, 'http'], [https, 'https']]) {
  for (const name of ['request', 'get']) wrap(mod, name, `${label}.${name}`, requestTarget, throwIt);
}

// fetch and WebSocket (globals): their connections are made later, so check the URL up front.
function urlTarget(args) {
  const input = args[0];
  const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input?.url;
  try {
    const url = new URL(String(href));
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'file:') return { target: { url: url.protocol }, loopback: true };
    return { target: { url: url.href }, loopback: isLoopbackHost(url.hostname) };
  } catch {
    return { target: { url: String(href) }, loopback: false };
  }
}
wrap(globalThis, 'fetch', 'fetch', urlTarget, rejectIt);
if (typeof globalThis.WebSocket === 'function' && !globalThis.WebSocket[MARK]) {
  const Original = globalThis.WebSocket;
  const Guarded = class extends Original {
    constructor(...args) {
      const { target, loopback } = urlTarget(args);
      const refused = check('WebSocket', target, loopback);
      if (refused) throw refused;
      super(...args);
    }
  };
  Guarded[MARK] = true;
  globalThis.WebSocket = Guarded;
}

// Named ESM imports (`import { connect } from 'node:net'`) see the wrappers too.
syncBuiltinESMExports();

write({ kind: 'loaded', ppid: process.ppid, main_thread: isMainThread, argv: process.argv.slice(1) });
