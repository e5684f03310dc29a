import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { AdvisoryError } from "../errors.js";
import { countZipEntries, readZipEntries, zipEntries } from "./zip.js";

const fixtures = join(import.meta.dirname, "../../../../test/fixtures");
const advisories = join(fixtures, "advisories");
const zip64 = readFileSync(join(fixtures, "advisories-zip/zip64-info-zip.zip"));

function onDisk(bytes: Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), "tollgate-zip-")), "all.zip");
  writeFileSync(path, bytes);
  return path;
}

/** Reads the archive at `path` from disk. */
const fromFile = (path: string) => readZipEntries(path, "all.zip");

async function unreadableMessage(read: () => Promise<unknown>): Promise<string> {
  try {
    await read();
  } catch (error) {
    expect(error).toBeInstanceOf(AdvisoryError);
    expect(error).toMatchObject({ code: "DATABASE_UNREADABLE", location: { file: "all.zip" } });
    return (error as AdvisoryError).message;
  }
  throw new Error("expected DATABASE_UNREADABLE");
}

const lastCentralRecord = (bytes: Buffer) => bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 1, 2]));

const go = readFileSync(join(advisories, "go/osv/GO-2026-5841.json"), "utf8");
const pypa = readFileSync(join(advisories, "pypa/vulns/aiohttp/PYSEC-2023-246.json"), "utf8");

describe("zip entries", () => {
  it("reads Info-ZIP's ZIP64 records: the .json entries only, in name order, byte for byte", async () => {
    expect(await readZipEntries(zip64, "all.zip")).toEqual([
      ["GO-2026-5841.json", go],
      ["PYSEC-2023-246.json", pypa],
    ]);
  });

  it("the fixture is ZIP64: its directory is found through a ZIP64 end of central directory record and locator", () => {
    expect(zip64.indexOf(Buffer.from([0x50, 0x4b, 6, 6]))).toBeGreaterThan(0);
    expect(zip64.indexOf(Buffer.from([0x50, 0x4b, 6, 7]))).toBeGreaterThan(0);
  });

  it("reads an archive on disk the same as in memory", async () => {
    expect(await fromFile(onDisk(zip64))).toEqual(await readZipEntries(zip64, "x"));
  });

  it("reads whatever fflate writes, stored or deflated, as fflate's own reader does", async () => {
    const name = fc.stringMatching(/^[A-Za-z0-9-]{1,12}\.(json|txt)$/);
    const entry = fc.record({
      text: fc.string({ maxLength: 300 }),
      level: fc.constantFrom(0 as const, 1 as const, 9 as const),
    });
    await fc.assert(
      fc.asyncProperty(fc.dictionary(name, entry, { maxKeys: 12 }), async (files) => {
        const bytes = zipSync(
          Object.fromEntries(Object.entries(files).map(([n, f]) => [n, [strToU8(f.text), { level: f.level }]])),
        );
        const oracle = Object.entries(unzipSync(bytes))
          .filter(([n]) => n.endsWith(".json"))
          .map(([n, b]): [string, string] => [n, new TextDecoder().decode(b)])
          .sort(([a], [b]) => (a < b ? -1 : 1));
        expect(await readZipEntries(bytes, "all.zip")).toEqual(oracle);
        expect(await fromFile(onDisk(bytes))).toEqual(oracle);
      }),
      { numRuns: 60 },
    );
  });

  it("yields one entry at a time: what precedes a damaged entry is read before the damage is found", async () => {
    const bytes = Buffer.from(zipSync({ "a.json": strToU8("{}"), "b.json": strToU8(go) }));
    const b = bytes.readUInt32LE(lastCentralRecord(bytes) + 42); // b.json's local header offset
    const at = b + 30 + "b.json".length + 10;
    bytes[at] = (bytes[at] as number) ^ 0xff;
    const entries = zipEntries(bytes, "all.zip");
    expect((await entries.next()).value).toEqual(["a.json", "{}"]);
    await expect(entries.next()).rejects.toThrow(/entry b\.json/);
  });

  it("counts the .json entries, checking each", async () => {
    expect(await countZipEntries(zip64, "all.zip")).toBe(2);
  });
});

describe("unreadable archives fail closed with DATABASE_UNREADABLE, naming the file", () => {
  const good = zipSync({ "GO-2026-5841.json": strToU8(go), "PYSEC-2023-246.json": strToU8(pypa) });

  it("something that is not a zip", async () => {
    expect(await unreadableMessage(() => readZipEntries(strToU8("PK not really a zip"), "all.zip"))).toBe(
      "all.zip is not a readable zip archive (End of central directory record signature not found. Either not a zip file, or file is truncated.)",
    );
  });

  it("an archive cut anywhere, from memory or from disk", async () => {
    for (let cut = 1; cut < good.byteLength; cut += 97) {
      const truncated = good.subarray(0, cut);
      expect(await unreadableMessage(() => readZipEntries(truncated, "all.zip"))).toMatch(
        /^all\.zip is not a readable zip archive/,
      );
      expect(await unreadableMessage(() => fromFile(onDisk(truncated)))).toMatch(
        /^all\.zip is not a readable zip archive/,
      );
    }
  });

  it("an entry whose data runs past the end of the archive names the entry", async () => {
    const corrupt = Buffer.from(good);
    corrupt.writeUInt32LE(1 << 20, lastCentralRecord(corrupt) + 20); // compressed size
    expect(await unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry PYSEC-2023-246.json: file data overflows file bounds: 676 + 1048576 > 2207)",
    );
  });

  it("a directory record that points at no local header", async () => {
    const corrupt = Buffer.from(good);
    corrupt.writeUInt32LE(3, lastCentralRecord(corrupt) + 42); // local header offset
    expect(await unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry PYSEC-2023-246.json: invalid local file header signature: 0x1404)",
    );
  });

  it("a flipped byte in compressed data: the CRC-32 or the inflater catches it", async () => {
    const corrupt = good.slice();
    corrupt[200] = (corrupt[200] as number) ^ 0x55;
    expect(await unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toMatch(
      /^all\.zip is not a readable zip archive \(entry GO-2026-5841\.json: (CRC-32 mismatch|invalid |incorrect |unexpected end of file|inflates to more|\d+ bytes)/,
    );
  });

  it("a stored entry whose bytes changed: the CRC-32 tells", async () => {
    const stored = zipSync({ "GO-2026-5841.json": [strToU8(go), { level: 0 }] });
    const data = 30 + "GO-2026-5841.json".length;
    stored[data + 100] = 0x20; // still valid UTF-8, maybe still JSON: only the checksum can tell
    expect(await unreadableMessage(() => readZipEntries(stored, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry GO-2026-5841.json: CRC-32 mismatch)",
    );
  });

  it("an entry that inflates to more or fewer bytes than the directory says", async () => {
    const corrupt = Buffer.from(good);
    corrupt.writeUInt32LE(1000, lastCentralRecord(corrupt) + 24); // uncompressed size
    expect(await unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry PYSEC-2023-246.json: inflates to more than the 1000 bytes the directory says)",
    );
    corrupt.writeUInt32LE(5000, lastCentralRecord(corrupt) + 24);
    expect(await unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry PYSEC-2023-246.json: 4709 bytes, the directory says 5000)",
    );
  });

  it("a stored entry whose directory sizes disagree: yauzl's size check", async () => {
    const stored = Buffer.from(zipSync({ "GO-2026-5841.json": [strToU8(go), { level: 0 }] }));
    stored.writeUInt32LE(1000, lastCentralRecord(stored) + 24); // uncompressed size
    expect(await unreadableMessage(() => readZipEntries(stored, "all.zip"))).toBe(
      `all.zip is not a readable zip archive (compressed/uncompressed size mismatch for stored file: ${go.length} != 1000)`,
    );
  });

  it("an entry with a compression method other than stored or deflated", async () => {
    const corrupt = Buffer.from(good);
    const central = corrupt.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    corrupt.writeUInt16LE(14, central + 10); // LZMA
    expect(await unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry GO-2026-5841.json: unsupported compression method: 14)",
    );
  });

  it("an encrypted entry", async () => {
    const corrupt = Buffer.from(good);
    const central = corrupt.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    corrupt.writeUInt16LE(1, central + 8);
    expect(await unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry GO-2026-5841.json: encrypted)",
    );
  });
});
