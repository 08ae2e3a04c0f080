// Contract: every operation in the OpenAPI document of a running `brevgen serve` is called
// through Stoplight Prism in proxy mode - with every example and valid fixture of its kind,
// every invalid fixture, and the error cases each operation documents - and Prism must
// report no response violation. The same requests also go to the server directly, and
// each answer is checked against the document here too (status documented, media type,
// body schema, header schemas), which also covers what Prism passes through unchecked
// (a method the path does not take) or cannot send (a chunked body).
//
// Nothing here names an endpoint: the requests are made from the document, so a path
// added to it is covered by the same checks. Run with and without bearer tokens.
//   node tests/js/contract/proxy.mjs [BREVGEN]
import fs from "node:fs";
import path from "node:path";
import {
  caseFiles, hold, kindOf, openapiAjv, openapiId, repo, send, sendRaw, startPrism, startServer, tempDir, Tally,
} from "./harness.mjs";

const tally = new Tally("contract via prism");
const dir = tempDir();
const token = "contract-token-0123456789";
const tokenFile = path.join(dir, "tokens");
fs.writeFileSync(tokenFile, token + "\n", { mode: 0o600 });
const maxBody = 65536;
const methods = ["get", "head", "post", "put", "patch", "delete", "options"];

/// The response object the document gives for `status` of `method` on `template` (for a
/// method the path does not have: what its other operations say), with $refs resolved.
function documented(doc, template, method, status) {
  const item = doc.paths[template];
  const ops = item[method] ? [item[method]] : methods.filter((m) => item[m]).map((m) => item[m]);
  for (const op of ops) {
    const r = resolve(doc, op.responses[String(status)] ?? op.responses.default);
    if (r) return r;
  }
  return null;
}

/// Follows local $refs ("#/components/...") to the object they name.
function resolve(doc, object) {
  while (object?.$ref) {
    object = object.$ref.split("/").slice(1).reduce((o, k) => o[k.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return object;
}

/// A copy of `schema` whose local references ("#/components/...") point into the
/// document as openapiAjv() registered it.
function anchored(schema) {
  return JSON.parse(JSON.stringify(schema ?? {}), (key, value) =>
    key === "$ref" && typeof value === "string" && value.startsWith("#/") ? openapiId + value : value,
  );
}

/// Checks one answer against the document; returns what is wrong ([] when nothing).
function violations(doc, ajv, template, method, res) {
  const r = documented(doc, template, method, res.status);
  if (!r) return [`status ${res.status} is not documented`];
  const wrong = [];
  const type = (res.headers["content-type"] ?? "").split(";")[0].trim();
  if (r.content && method !== "head") {
    const media = r.content[type];
    if (!media) wrong.push(`content type ${type} is not documented for ${res.status}`);
    else if (type.endsWith("json") && media.schema) {
      const validate = ajv.compile(anchored(media.schema));
      if (!validate(JSON.parse(res.body))) wrong.push(`body: ${ajv.errorsText(validate.errors)}`);
    }
  }
  for (const [name, ref] of Object.entries(r.headers ?? {})) {
    const h = resolve(doc, ref);
    const value = res.headers[name.toLowerCase()];
    if (value === undefined) {
      if (h.required) wrong.push(`header ${name} missing`);
      continue;
    }
    const schema = anchored(h.schema);
    const typed = schema?.type === "integer" && /^-?\d+$/.test(value) ? Number(value) : value;
    if (schema && !ajv.validate(schema, typed)) wrong.push(`header ${name}: ${ajv.errorsText()}`);
  }
  return wrong;
}

/// The requests made for one operation: [what, request, expected statuses or null].
function requestsFor(doc, template, method, op, kinds, auth) {
  const out = [];
  const params = (doc.paths[template].parameters ?? []).concat(op.parameters ?? []).filter((p) => p.in === "path");
  const fill = (value) => params.reduce((t, p) => t.replace(`{${p.name}}`, value(p)), template);
  const target = fill((p) => p.schema?.examples?.[0] ?? p.schema?.enum?.[0] ?? p.example);
  const segment = target.split("/").pop();
  const kind = kindOf(segment, kinds) ?? null;
  const base = { method: method.toUpperCase(), target, headers: auth };
  const security = op.security ?? doc.security ?? [];
  const success = Object.keys(op.responses).filter((s) => s.startsWith("2")).map(Number);
  // A body the server cannot use: 400 or 422 where the operation says so, or its success
  // when it reports the case's faults as a finding (as a check does).
  const refused = [...success, 400, 422].filter((s) => op.responses[String(s)]);

  if (!op.requestBody) {
    out.push(["as documented", base, success]);
  } else {
    const types = Object.keys(op.requestBody.content);
    const files = kind ? caseFiles(["examples", "fixtures/valid"]).filter((f) => kindOf(f, kinds) === kind) : [];
    // An operation that may refuse a valid case (a message needs more than its letter) says
    // so in x-valid-case-refused; it answers such a case with its documented 422.
    const valid = op["x-valid-case-refused"] ? [...success, 422] : success;
    for (const file of files) {
      const type = types.find((t) => t.endsWith(path.extname(file).slice(1)));
      if (!type) continue;
      const body = fs.readFileSync(path.join(repo, file));
      out.push([file, { ...base, headers: { ...auth, "Content-Type": type }, body }, valid]);
    }
    const invalid = kind ? caseFiles(["fixtures/invalid"]).filter((f) => kindOf(f, kinds) === kind) : [];
    for (const file of invalid) {
      const type = types.find((t) => t.endsWith(path.extname(file).slice(1)));
      if (!type) continue;
      out.push([file, { ...base, headers: { ...auth, "Content-Type": type }, body: fs.readFileSync(path.join(repo, file)) }, refused]);
    }
    const json = { ...auth, "Content-Type": types[0] };
    out.push(["a body that is not well-formed", { ...base, headers: json, body: "{" }, refused]);
    out.push(["an empty body", { ...base, headers: json, body: "" }, refused]);
    out.push(["another media type", { ...base, headers: { ...auth, "Content-Type": "text/plain" }, body: "{}" }, [415]]);
    out.push(["a compressed body", { ...base, headers: { ...json, "Content-Encoding": "gzip" }, body: "{}" }, [415]]);
    out.push(["a body over --max-body", { ...base, headers: json, body: "[" + "0,".repeat(maxBody / 2) + "0]" }, [413]]);
    out.push(["a chunked body", { ...base, headers: json, body: "{}", chunked: true }, [411], "direct"]);
    // Another request holds all the body memory (--max-body-memory), so this one must wait.
    const held = `POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Type: ${types[0]}\r\nContent-Length: ${maxBody}\r\n` +
      Object.entries(auth).map(([k, v]) => `${k}: ${v}\r\n`).join("") + "\r\n";
    out.push(["while the body memory is taken", { ...base, headers: json, body: "{}", hold: held }, [503]]);
  }
  const raw = (line, fields) => `${line}\r\n${fields}` +
    Object.entries(auth).map(([k, v]) => `${k}: ${v}\r\n`).join("") + "Connection: close\r\n\r\n";
  const line = `${base.method} ${target}`;
  out.push(["no Host", { raw: raw(`${line} HTTP/1.1`, ""), method: base.method }, [400], "direct"]);
  out.push(["HTTP/2.0", { raw: raw(`${line} HTTP/2.0`, "Host: x\r\n"), method: base.method }, [505], "direct"]);
  out.push(["a 20 KiB header", { raw: raw(`${line} HTTP/1.1`, `Host: x\r\nX-Pad: ${"a".repeat(20480)}\r\n`), method: base.method }, [431], "direct"]);
  if (security.length > 0 && Object.keys(security[0]).length > 0) {
    const { Authorization, ...none } = base.headers;
    out.push(["no token", { ...base, headers: none }, [401]]);
    out.push(["a wrong token", { ...base, headers: { ...none, Authorization: "Bearer not-the-token-0123456789" } }, [401]]);
  }
  if (params.length > 0) out.push(["an unknown path parameter", { ...base, target: fill(() => "no-such-thing") }, [404]]);
  out.push(["a 9 KiB request target", { ...base, target: target + "?" + "a".repeat(9000) }, [414]]);
  return out;
}

async function run(name, serverArgs, auth) {
  const server = await startServer([
    "--max-body", String(maxBody), "--max-body-memory", String(maxBody), "--request-timeout", "2", ...serverArgs,
  ]);
  const docRes = await send(server.port, { target: "/openapi.json", headers: auth });
  const doc = JSON.parse(docRes.body);
  const docFile = path.join(dir, `openapi-${name.replace(/\W+/g, "-")}.json`);
  fs.writeFileSync(docFile, docRes.body);
  const ajv = openapiAjv(doc);
  const kinds = JSON.parse((await send(server.port, { target: "/v1/letters", headers: auth })).body).letters.map((l) => l.kind);
  const prism = await startPrism(docFile, server.port);
  const seen = {};
  try {
    for (const [template, item] of Object.entries(doc.paths)) {
      const ops = methods.filter((m) => item[m]);
      const cases = ops.flatMap((m) => requestsFor(doc, template, m, item[m], kinds, auth).map((c) => [m, ...c]));
      // A method the path does not take: 405, with Allow naming the ones it does.
      const other = methods.find((m) => !item[m] && m !== "options");
      const target = cases[0][2].target;
      cases.push([other, "a method the path does not take", { method: other.toUpperCase(), target, headers: auth }, [405]]);
      for (const [method, what, req, expected, only] of cases) {
        const label = `${name}: ${req.method} ${template} ${what}`;
        const holder = req.hold ? await hold(server.port, req.hold) : null;
        const direct = req.raw ? await sendRaw(server.port, req.raw) : await send(server.port, req);
        tally.check(expected.includes(direct.status), `${label}: status ${direct.status}, expected ${expected}`);
        const wrong = violations(doc, ajv, template, method, direct);
        tally.check(wrong.length === 0, `${label}: ${wrong.join("; ")}`);
        (seen[`${method.toUpperCase()} ${template}`] ??= new Set()).add(direct.status);
        if (only === "direct") {
          holder?.close();
          continue;
        }
        const proxied = await send(prism.port, req);
        holder?.close();
        if (holder) await new Promise((r) => setTimeout(r, 100));  // its budget back before the next
        if (proxied.headers["x-request-id"] === undefined) {
          // Prism answered itself without asking the server (it cannot parse a JSON body
          // that starts with a byte-order mark, say): nothing of brevgen's to check.
          console.log(`${label} via Prism: Prism answered ${proxied.status} itself: ${proxied.body}`);
          continue;
        }
        const reported = JSON.parse(proxied.headers["sl-violations"] ?? "[]").filter((v) => v.location?.[0] === "response");
        // (Its status may differ from the direct one: Prism re-encodes JSON bodies, so a
        // duplicate key or invalid UTF-8 does not reach the server as it was sent.)
        tally.check(reported.length === 0, `${label} via Prism: ${JSON.stringify(reported)}`);
      }
    }
    // A request that never completes: 408 once --request-timeout has passed.
    const [template, item] = Object.entries(doc.paths)[0];
    const method = methods.find((m) => item[m]);
    const late = await sendRaw(server.port, `${method.toUpperCase()} ${template} HTTP/1.1\r\nHost: x\r\nX-Unfinished: 1`);
    tally.check(late.status === 408, `${name}: an unfinished request got ${late.status}, expected 408`);
    const wrong = violations(doc, ajv, template, method, late);
    tally.check(wrong.length === 0, `${name}: 408: ${wrong.join("; ")}`);
  } finally {
    await prism.stop();
    tally.check((await server.stop()) === 0, `${name}: brevgen serve exits 0 on SIGTERM`);
  }
  for (const [op, statuses] of Object.entries(seen)) {
    console.log(`${name}: ${op}: ${[...statuses].sort().join(" ")}`);
    // Error answers alone would pass every check above: each operation must also succeed.
    const [method, template] = op.split(" ");
    if (!doc.paths[template][method.toLowerCase()]) continue;  // the 405 probe of a method it does not take
    tally.check([...statuses].some((s) => s >= 200 && s < 300), `${name}: ${op} never answered with a success`);
  }
}

await run("loopback, no tokens", [], {});
await run("with tokens", ["--token-file", tokenFile], { Authorization: `Bearer ${token}` });
