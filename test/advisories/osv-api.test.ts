import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_AUDIT_POLICY, loadDatabase, OsvApiSource, runAudit, updateDatabase } from "@tollgate/advisories";
import { createHttpClient } from "@tollgate/net";
import { afterEach, describe, expect, it } from "vitest";
import { type Fault, type OsvServer, readRecords, startOsvServer } from "../servers/osv-server.js";
import { ADVISORIES, graphOf } from "./graphs.js";

const records = readRecords(ADVISORIES);
let server: OsvServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client() {
  return createHttpClient({ allowOnly: ["127.0.0.1"], sleep: async () => {}, timeoutMs: 500, deadlineMs: 10_000 });
}

async function start(faults: Fault[] = []) {
  server = await startOsvServer(records, faults);
  return server;
}

const queries = [
  { ecosystem: "npm", name: "minimist", version: "1.2.5" },
  { ecosystem: "npm", name: "minimist", version: "1.2.6" },
  { ecosystem: "crates.io", name: "openssl", version: "0.8.3" },
  { ecosystem: "PyPI", name: "left-pad-not-there", version: "1.0" },
];

describe("OSV API source against a loopback server", () => {
  it("finds the known vulnerable versions by id and not the fixed ones", async () => {
    const { url } = await start();
    const ids = await new OsvApiSource({ http: client(), baseUrl: url }).queryIds(queries);
    expect(ids.map((list) => list.map((v) => v.id))).toEqual([["GHSA-xvch-5gv4-984h"], [], ["RUSTSEC-2016-0001"], []]);
  });

  it("sends ceil(N / batch) querybatch requests and one detail request per distinct advisory", async () => {
    const { url, requests } = await start();
    const components = Array.from({ length: 25 }, (_, i) => ({ name: `pkg-${i}`, version: "1.0.0", direct: true }));
    components.push(
      { name: "minimist", version: "1.2.5", direct: true },
      { name: "qs", version: "6.5.2", direct: true },
    );
    const report = await runAudit({
      graph: graphOf(components),
      source: { kind: "osv-api", http: client(), baseUrl: url, batchSize: 10 },
      policy: DEFAULT_AUDIT_POLICY,
    });
    expect(report.findings.map((f) => `${f.id} ${f.package}@${f.version}`)).toEqual([
      "GHSA-xvch-5gv4-984h minimist@1.2.5",
      "GHSA-hrpp-h998-j3pp qs@6.5.2",
    ]);
    expect(requests.filter((r) => r.path === "/v1/querybatch")).toHaveLength(3);
    expect(
      requests
        .filter((r) => r.path.startsWith("/v1/vulns/"))
        .map((r) => r.path)
        .sort(),
    ).toEqual(["/v1/vulns/GHSA-hrpp-h998-j3pp", "/v1/vulns/GHSA-xvch-5gv4-984h"]);
  });

  it("serves details from the disk cache keyed by id and modified on the next run", async () => {
    const { url, requests } = await start();
    const cacheDir = mkdtempSync(join(tmpdir(), "tollgate-osv-cache-"));
    const refs = [{ id: "RUSTSEC-2016-0001", modified: "2023-06-13T13:10:24Z" }];
    await new OsvApiSource({ http: client(), baseUrl: url, cacheDir }).fetchRecords(refs);
    const second = new OsvApiSource({ http: client(), baseUrl: url, cacheDir });
    const [record] = await second.fetchRecords(refs);
    expect(record?.id).toBe("RUSTSEC-2016-0001");
    expect(second.requests).toEqual({ querybatch: 0, vulns: 0, cached: 1 });
    expect(readdirSync(cacheDir)).toEqual(["RUSTSEC-2016-0001@2023-06-13T13_10_24Z.json"]);
    expect(requests.filter((r) => r.path.startsWith("/v1/vulns/"))).toHaveLength(1);
  });

  it("retries through a 429, a 500, a hung request and a truncated body", async () => {
    const { url, requests } = await start([
      { path: /querybatch/, kind: "status", status: 429 },
      { path: /querybatch/, kind: "status", status: 500 },
      { path: /querybatch/, kind: "timeout" },
    ]);
    const ids = await new OsvApiSource({ http: client(), baseUrl: url }).queryIds(queries.slice(0, 1));
    expect(ids).toEqual([[{ id: "GHSA-xvch-5gv4-984h", modified: expect.any(String) }]]);
    expect(requests.map((r) => r.status)).toEqual(["fault", "fault", "fault", 200]);
    const truncated = await start([{ path: /vulns/, kind: "truncate" }]);
    const [record] = await new OsvApiSource({ http: client(), baseUrl: truncated.url }).fetchRecords([
      { id: "GHSA-xvch-5gv4-984h", modified: "x" },
    ]);
    expect(record?.id).toBe("GHSA-xvch-5gv4-984h");
  });

  it("fails closed with a hint to run offline when the API stays down", async () => {
    const { url } = await start(
      Array.from({ length: 4 }, () => ({ path: /querybatch/, kind: "status" as const, status: 503 })),
    );
    const audit = runAudit({
      graph: graphOf([{ name: "minimist", version: "1.2.5", direct: true }]),
      source: { kind: "osv-api", http: client(), baseUrl: url },
      policy: DEFAULT_AUDIT_POLICY,
    });
    await expect(audit).rejects.toMatchObject({
      code: "SOURCE_UNREACHABLE",
      hint: expect.stringContaining("--offline --db"),
    });
  });

  it("fails on malformed JSON instead of reading it as no vulnerabilities", async () => {
    const { url } = await start([{ path: /querybatch/, kind: "malformed" }]);
    await expect(new OsvApiSource({ http: client(), baseUrl: url }).queryIds(queries)).rejects.toMatchObject({
      code: "SOURCE_BAD_RESPONSE",
    });
  });
});

describe("tollgate db update", () => {
  it("downloads each ecosystem's all.zip, and the result audits offline", async () => {
    const { url, requests } = await start([{ path: /npm\/all\.zip/, kind: "status", status: 500 }]);
    const dir = mkdtempSync(join(tmpdir(), "tollgate-db-"));
    const meta = await updateDatabase({ http: client(), dir, ecosystems: ["npm", "crates.io"], baseUrl: url });
    expect(meta.ecosystems.map((e) => [e.ecosystem, e.file])).toEqual([
      ["crates.io", "crates.io/all.zip"],
      ["npm", "npm/all.zip"],
    ]);
    expect(requests.map((r) => [r.path, r.status])).toEqual([
      ["/crates.io/all.zip", 200],
      ["/npm/all.zip", "fault"],
      ["/npm/all.zip", 200],
    ]);
    const db = await loadDatabase(dir);
    expect(db.index.match({ ecosystem: "npm", name: "minimist", version: "1.2.5" }).map((m) => m.advisory.id)).toEqual([
      "GHSA-xvch-5gv4-984h",
    ]);
  });

  it("fails with SOURCE_UNREACHABLE when an archive cannot be downloaded", async () => {
    const { url } = await start();
    const dir = mkdtempSync(join(tmpdir(), "tollgate-db-"));
    await expect(updateDatabase({ http: client(), dir, ecosystems: ["Hackage"], baseUrl: url })).rejects.toMatchObject({
      code: "SOURCE_UNREACHABLE",
    });
  });
});

describe("overall deadline", () => {
  it("stops with SOURCE_UNREACHABLE once the audit's deadline has passed", async () => {
    const { url } = await start();
    let clock = 0;
    const source = new OsvApiSource({ http: client(), baseUrl: url, deadlineMs: 1000, now: () => clock });
    await source.queryIds(queries.slice(0, 1));
    clock = 1001;
    await expect(source.fetchRecords([{ id: "GHSA-xvch-5gv4-984h", modified: "x" }])).rejects.toMatchObject({
      code: "SOURCE_UNREACHABLE",
      message: expect.stringContaining("deadline"),
    });
  });
});

describe("paged querybatch answers", () => {
  it("follows next_page_token until every advisory of a query is collected", async () => {
    server = await startOsvServer(records, [], { pageSize: 2 });
    const source = new OsvApiSource({ http: client(), baseUrl: server.url });
    // lodash 4.17.4 is affected by four GHSA records of the fixture corpus: two pages of two.
    const [ids] = await source.queryIds([{ ecosystem: "npm", name: "lodash", version: "4.17.4" }]);
    expect(ids?.map((v) => v.id).sort()).toEqual([
      "GHSA-29mw-wpgm-hmr9",
      "GHSA-35jh-r3h4-6jhm",
      "GHSA-jf85-cpcp-j695",
      "GHSA-p6mc-m468-83gw",
    ]);
    expect(source.requests.querybatch).toBe(2);
  });
});
