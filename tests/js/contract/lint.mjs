// Contract: the OpenAPI document a running `brevgen serve` answers at /openapi.json passes
// Redocly's lint (its recommended rules and the stricter ones in tests/js/redocly.yaml)
// with no error and no warning, with tokens and without.
//   node tests/js/contract/lint.mjs [BREVGEN]
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repo, send, startServer, tempDir, Tally } from "./harness.mjs";

const tally = new Tally("openapi lint");
const dir = tempDir();
const tokenFile = path.join(dir, "tokens");
fs.writeFileSync(tokenFile, "contract-token-0123456789\n", { mode: 0o600 });

for (const [name, args, headers] of [
  ["loopback, no tokens", [], {}],
  ["with tokens", ["--token-file", tokenFile], { Authorization: "Bearer contract-token-0123456789" }],
]) {
  const server = await startServer(args);
  const res = await send(server.port, { target: "/openapi.json", headers });
  await server.stop();
  tally.check(res.status === 200, `${name}: GET /openapi.json gave ${res.status}`);
  const file = path.join(dir, `openapi-${name.replace(/\W+/g, "-")}.json`);
  fs.writeFileSync(file, res.body);
  let report;
  try {
    const config = path.join(repo, "tests/js/redocly.yaml");
    report = execFileSync(path.join(repo, "tests/js/node_modules/.bin/redocly"), ["lint", "--config", config, "--format=json", file], {
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch (e) {
    report = e.stdout;  // redocly exits 1 when it finds errors; the report says which
  }
  const result = JSON.parse(report);
  for (const p of result.problems) {
    console.log(`${name}: ${p.severity} ${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? ""}`);
  }
  tally.check(result.totals.errors === 0, `${name}: redocly lint reports ${result.totals.errors} error(s)`);
  tally.check(result.totals.warnings === 0, `${name}: redocly lint reports ${result.totals.warnings} warning(s)`);
}
