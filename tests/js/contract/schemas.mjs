// Contract: every JSON Schema brevgen publishes compiles in Ajv's strict mode (draft
// 2020-12): the files in schemas/, the ones served at /v1/schemas/{kind}, and the
// components of /openapi.json; and every JSON example and valid fixture passes its kind's.
//   node tests/js/contract/schemas.mjs [BREVGEN]
import fs from "node:fs";
import path from "node:path";
import { caseFiles, kindOf, openapiAjv, openapiId, repo, send, startServer, strictAjv, Tally } from "./harness.mjs";

const tally = new Tally("schemas");

function compiles(schema, what) {
  try {
    return strictAjv().compile(schema);
  } catch (e) {
    tally.check(false, `${what}: ${e.message}`);
    return null;
  }
}

const files = fs.readdirSync(path.join(repo, "schemas")).filter((f) => f.endsWith(".json")).sort();
const validators = {};
for (const f of files) {
  const v = compiles(JSON.parse(fs.readFileSync(path.join(repo, "schemas", f))), `schemas/${f}`);
  if (tally.check(v !== null, `schemas/${f} compiles`)) validators[path.basename(f, ".json")] = v;
}

const server = await startServer();
const kinds = JSON.parse((await send(server.port, { target: "/v1/letters" })).body).letters.map((l) => l.kind);
tally.check(kinds.length > 0 && kinds.every((k) => validators[k]), `every kind (${kinds}) has a file in schemas/`);
for (const k of kinds) {
  const res = await send(server.port, { target: `/v1/schemas/${k}` });
  tally.check(compiles(JSON.parse(res.body), `GET /v1/schemas/${k}`) !== null, `GET /v1/schemas/${k} compiles`);
}
const doc = JSON.parse((await send(server.port, { target: "/openapi.json" })).body);
await server.stop();
for (const [name, schema] of Object.entries(doc.components.schemas)) {
  // Component schemas refer to each other as #/components/schemas/NAME: resolve them in a
  // bundle that holds them all under that pointer.
  let ok = true;
  try {
    openapiAjv(doc).compile({ $ref: `${openapiId}#/components/schemas/${encodeURIComponent(name)}` });
  } catch (e) {
    ok = false;
    console.log(`components/schemas/${name}: ${e.message}`);
  }
  tally.check(ok, `openapi components/schemas/${name} compiles`);
}

for (const file of caseFiles(["examples", "fixtures/valid"], [".json"])) {
  const kind = kindOf(file, kinds);
  if (!kind) {
    console.log(`skip ${file}: not a case of any kind`);
    continue;
  }
  const text = fs.readFileSync(path.join(repo, file), "utf8").replace(/^\uFEFF/, "");
  const validate = validators[kind];
  const ok = validate(JSON.parse(text));
  tally.check(ok, `${file} against schemas/${kind}.json: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
}
