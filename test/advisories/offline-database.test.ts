import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDatabase, METADATA_FILE } from "@tollgate/advisories";
import { describe, expect, it } from "vitest";
import { buildZips, readRecords } from "../servers/osv-server.js";
import { ADVISORIES } from "./graphs.js";

const NOW = new Date("2026-11-20T12:00:00Z");
const records = readRecords(ADVISORIES);

function zipDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-db-"));
  for (const [ecosystem, bytes] of buildZips(records)) {
    mkdirSync(join(dir, ecosystem), { recursive: true });
    writeFileSync(join(dir, ecosystem, "all.zip"), bytes);
  }
  writeFileSync(
    join(dir, METADATA_FILE),
    JSON.stringify({ updatedAt: "2026-11-19T00:00:00Z", baseUrl: "test", ecosystems: [] }),
  );
  return dir;
}

describe("offline database", () => {
  it("reads a directory of OSV JSON files", async () => {
    const db = await loadDatabase(ADVISORIES, { maxAgeMs: Number.MAX_SAFE_INTEGER, now: () => NOW });
    expect(db.index.counts.records).toBe(records.length);
    expect(db.index.malformed).toEqual([]);
    expect(db.index.match({ ecosystem: "npm", name: "minimist", version: "1.2.5" }).map((m) => m.advisory.id)).toEqual([
      "GHSA-xvch-5gv4-984h",
    ]);
  });

  it("reads OSV's per-ecosystem all.zip archives, each record once however many archives hold it", async () => {
    const db = await loadDatabase(zipDatabase(), { now: () => NOW });
    expect(db.index.counts.records).toBe(records.length);
    expect(db.index.counts.duplicates).toBeGreaterThan(0);
    expect(db.updatedAt.toISOString()).toBe("2026-11-19T00:00:00.000Z");
    expect(
      db.index.match({ ecosystem: "crates.io", name: "openssl", version: "0.8.3" }).map((m) => m.advisory.id),
    ).toEqual(["RUSTSEC-2016-0001"]);
  });

  it("fails as stale when the database is older than allowed, saying how to update", async () => {
    const dir = zipDatabase();
    const later = new Date("2026-11-27T00:00:01Z");
    await expect(loadDatabase(dir, { now: () => later })).rejects.toMatchObject({
      code: "DATABASE_STALE",
      hint: expect.stringContaining("tollgate db update"),
    });
    await expect(loadDatabase(dir, { now: () => later, maxAgeMs: 30 * 86_400_000 })).resolves.toBeDefined();
  });

  it("takes the newest file's time when there is no metadata", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-db-"));
    writeFileSync(join(dir, "a.json"), records[0]?.text ?? "");
    const old = new Date("2026-01-01T00:00:00Z");
    utimesSync(join(dir, "a.json"), old, old);
    await expect(loadDatabase(dir, { now: () => NOW })).rejects.toMatchObject({ code: "DATABASE_STALE" });
  });

  it("fails when the directory is missing or holds no records", async () => {
    await expect(loadDatabase(join(tmpdir(), "tollgate-no-such-db"))).rejects.toMatchObject({
      code: "DATABASE_MISSING",
    });
    await expect(loadDatabase(mkdtempSync(join(tmpdir(), "tollgate-db-")))).rejects.toMatchObject({
      code: "DATABASE_MISSING",
    });
  });

  it("records a malformed file by id and file instead of dropping it silently", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-db-"));
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ id: "GHSA-bad0-0000-0000", affected: [] }));
    writeFileSync(join(dir, "broken.json"), "{ not json");
    const db = await loadDatabase(dir, { now: () => new Date() });
    expect(db.index.malformed.map((m) => [m.id, m.file])).toEqual([
      ["GHSA-bad0-0000-0000", "bad.json"],
      ["(unreadable)", "broken.json"],
    ]);
  });

  it("refuses a truncated archive, naming it and saying how to get a good one", async () => {
    const dir = zipDatabase();
    const path = join(dir, "PyPI", "all.zip");
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.byteLength - 100));
    await expect(loadDatabase(dir, { now: () => NOW })).rejects.toMatchObject({
      code: "DATABASE_UNREADABLE",
      message: expect.stringMatching(/^PyPI\/all\.zip is not a readable zip archive \(/),
      location: { file: "PyPI/all.zip" },
      hint: "download the database again with `tollgate db update`",
    });
  });

  it("refuses a corrupt archive", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-db-"));
    writeFileSync(join(dir, "all.zip"), "PK not really a zip");
    await expect(loadDatabase(dir)).rejects.toMatchObject({ code: "DATABASE_UNREADABLE" });
  });
});
