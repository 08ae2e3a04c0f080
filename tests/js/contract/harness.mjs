// Shared by the contract tests: start `brevgen serve` and Prism on loopback, send raw HTTP
// requests, find the case files of a letter kind, and validate with Ajv.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = path.join(repo, "tests/js/node_modules/.bin");

/// The brevgen binary: the first argument, else build/brevgen.
export const brevgen = process.argv[2] ? path.resolve(process.argv[2]) : path.join(repo, "build/brevgen");

/// A temporary directory removed at exit.
export function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brevgen-contract-"));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const children = new Set();
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));

/// Starts a child process and resolves once `ready` matches its output (stdout or
/// stderr), with the match; rejects when it exits first or after `timeoutMs`.
function startProcess(command, args, ready, timeoutMs, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let output = "";
    const timer = setTimeout(() => reject(new Error(`${command} did not start:\n${output}`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m, output: () => output });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      children.delete(child);
      clearTimeout(timer);
      reject(new Error(`${command} exited (${code}) at start:\n${output}`));
    });
  });
}

/// Stops a child with SIGTERM and resolves with its exit code (SIGKILL after 15 s).
function stopProcess(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => child.kill("SIGKILL"), 15000);
    child.removeAllListeners("exit");
    child.on("exit", (code) => {
      clearTimeout(timer);
      children.delete(child);
      resolve(code);
    });
    child.kill("SIGTERM");
  });
}

/// `brevgen serve --listen 127.0.0.1:0 ARGS`; resolves with its port, log and stop().
export async function startServer(args = []) {
  const p = await startProcess(brevgen, ["serve", "--listen", "127.0.0.1:0", ...args], /"address":"127\.0\.0\.1:(\d+)"/, 30000);
  return { port: Number(p.match[1]), log: p.output, stop: () => stopProcess(p.child) };
}

/// A free loopback port (for Prism, which cannot be told to pick one).
function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/// Stoplight Prism in proxy mode: validates every request and response against `docFile`
/// while forwarding to the server on `upstreamPort`; the violations come back in the
/// sl-violations response header.
export async function startPrism(docFile, upstreamPort) {
  const port = await freePort();
  const p = await startProcess(
    path.join(bin, "prism"),
    ["proxy", docFile, `http://127.0.0.1:${upstreamPort}`, "--host", "127.0.0.1", "--port", String(port), "--errors", "false"],
    /Prism is listening/,
    90000,
  );
  return { port, stop: () => stopProcess(p.child) };
}

/// One HTTP/1.1 request on its own connection; resolves with status, headers and body
/// (a Buffer). `body` may be a string or Buffer; `chunked` sends it without a length.
export function send(port, { method = "GET", target = "/", headers = {}, body, chunked = false }) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path: target, headers: { Connection: "close", ...headers }, agent: false },
      (res) => {
        const parts = [];
        res.on("data", (d) => parts.push(d));
        res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(30000, () => req.destroy(new Error(`${method} ${target.slice(0, 80)}: no answer in 30 s`)));
    if (body !== undefined && !chunked) req.setHeader("Content-Length", Buffer.byteLength(body));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/// Sends `bytes` as they are on a new connection and resolves with the first response
/// (status, lower-case headers, body), for requests node's client will not make.
export function sendRaw(port, bytes) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(bytes));
    let data = Buffer.alloc(0);
    socket.setTimeout(30000, () => socket.destroy(new Error("no answer in 30 s")));
    socket.on("data", (d) => (data = Buffer.concat([data, d])));
    socket.on("error", reject);
    socket.on("close", () => {
      const end = data.indexOf("\r\n\r\n");
      if (end < 0) return reject(new Error(`no response: ${data.toString("latin1").slice(0, 200)}`));
      const [statusLine, ...lines] = data.subarray(0, end).toString("latin1").split("\r\n");
      const headers = {};
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      const length = Number(headers["content-length"] ?? 0);
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: data.subarray(end + 4, end + 4 + length) });
    });
  });
}

/// Opens a connection, sends `bytes`, and keeps it open until close() is called.
export function hold(port, bytes) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(bytes);
      setTimeout(() => resolve({ close: () => socket.destroy() }), 200);
    });
    socket.on("error", reject);
  });
}

/// The kind a case file belongs to: the longest of `kinds` its base name starts with,
/// followed by "-", "." or "--" (examples/indkaldelse-arbejdsgiver.json → indkaldelse).
export function kindOf(file, kinds) {
  const base = path.basename(file);
  const fits = kinds.filter((k) => base === k || base.startsWith(k + "-") || base.startsWith(k + "."));
  return fits.sort((a, b) => b.length - a.length)[0];
}

/// Case files under `dirs` (relative to the repo) with the given extensions.
export function caseFiles(dirs, extensions = [".json", ".xml"]) {
  return dirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(repo, dir))
      .filter((f) => extensions.includes(path.extname(f)))
      .sort()
      .map((f) => path.join(dir, f)),
  );
}

/// Ajv for draft 2020-12 in strict mode, with formats, knowing OpenAPI's own keywords.
export function strictAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary(["xml", "example", "discriminator", "externalDocs"]);
  return ajv;
}

/// Where openapiAjv() puts the OpenAPI document's components.
export const openapiId = "https://brevgen.invalid/openapi.json";

/// A strict Ajv that knows the document's component schemas under their own pointers
/// (`${openapiId}#/components/schemas/NAME`), so their #/components/... references resolve.
export function openapiAjv(doc) {
  const ajv = strictAjv();
  ajv.addKeyword("components");
  ajv.addSchema({ $id: openapiId, components: doc.components });
  return ajv;
}

/// Counts checks and failures, prints each failure, and sets the exit code at the end.
export class Tally {
  constructor(name) {
    this.name = name;
    this.passed = 0;
    this.failed = 0;
    process.on("exit", () => {
      console.log(`${this.name}: ${this.passed} passed, ${this.failed} failed`);
      if (this.failed > 0 || this.passed === 0) process.exitCode = 1;
    });
  }
  check(ok, what) {
    if (ok) this.passed++;
    else {
      this.failed++;
      console.log(`FAIL ${what}`);
    }
    return ok;
  }
}
