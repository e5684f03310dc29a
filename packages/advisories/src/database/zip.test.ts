import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { AdvisoryError } from "../errors.js";
import { countZipEntries, readZipEntries, zipEntries } from "./zip.js";
import { fileSource, readDirectory } from "./zip-directory.js";

const fixtures = join(import.meta.dirname, "../../../../test/fixtures");
const advisories = join(fixtures, "advisories");
const zip64 = readFileSync(join(fixtures, "advisories-zip/zip64-info-zip.zip"));

function onDisk(bytes: Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), "tollgate-zip-")), "all.zip");
  writeFileSync(path, bytes);
  return path;
}

/** Reads the archive at `path` through a file source with a window of `window` bytes. */
function fromFile(path: string, window?: number): Array<[string, string]> {
  const source = fileSource(path, window);
  try {
    return readZipEntries(source, "all.zip");
  } finally {
    source.close();
  }
}

function unreadableMessage(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(AdvisoryError);
    expect(error).toMatchObject({ code: "DATABASE_UNREADABLE", location: { file: "all.zip" } });
    return (error as AdvisoryError).message;
  }
  throw new Error("expected DATABASE_UNREADABLE");
}

const directoryOf = (bytes: Uint8Array) =>
  readDirectory({ size: bytes.byteLength, read: (o, n) => bytes.subarray(o, o + n) });
const lastCentralRecord = (bytes: Buffer) => bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 1, 2]));

const go = readFileSync(join(advisories, "go/osv/GO-2026-5841.json"), "utf8");
const pypa = readFileSync(join(advisories, "pypa/vulns/aiohttp/PYSEC-2023-246.json"), "utf8");

describe("zip entries", () => {
  it("reads Info-ZIP's ZIP64 records: the .json entries only, in name order, byte for byte", () => {
    expect(readZipEntries(zip64, "all.zip")).toEqual([
      ["GO-2026-5841.json", go],
      ["PYSEC-2023-246.json", pypa],
    ]);
  });

  it("reads the directory's sizes from the ZIP64 extra field and knows a stored entry from a deflated one", () => {
    expect(directoryOf(zip64).map((e) => [e.name, e.method, e.size])).toEqual([
      ["GO-2026-5841.json", 8, 1364],
      ["PYSEC-2023-246.json", 8, 4709],
      ["notes.txt", 0, 11],
    ]);
  });

  it("reads an archive on disk the same as in memory, whatever the read window", () => {
    const path = onDisk(zip64);
    for (const window of [1, 30, 577, 4096, 1 << 16])
      expect(fromFile(path, window)).toEqual(readZipEntries(zip64, "x"));
  });

  it("reads whatever fflate writes, stored or deflated, as fflate's own reader does", () => {
    const name = fc.stringMatching(/^[A-Za-z0-9-]{1,12}\.(json|txt)$/);
    const entry = fc.record({
      text: fc.string({ maxLength: 300 }),
      level: fc.constantFrom(0 as const, 1 as const, 9 as const),
    });
    fc.assert(
      fc.property(fc.dictionary(name, entry, { maxKeys: 12 }), fc.integer({ min: 1, max: 200 }), (files, window) => {
        const bytes = zipSync(
          Object.fromEntries(Object.entries(files).map(([n, f]) => [n, [strToU8(f.text), { level: f.level }]])),
        );
        const oracle = Object.entries(unzipSync(bytes))
          .filter(([n]) => n.endsWith(".json"))
          .map(([n, b]): [string, string] => [n, new TextDecoder().decode(b)])
          .sort(([a], [b]) => (a < b ? -1 : 1));
        expect(readZipEntries(bytes, "all.zip")).toEqual(oracle);
        expect(fromFile(onDisk(bytes), window)).toEqual(oracle);
      }),
      { numRuns: 60 },
    );
  });

  it("yields one entry at a time: what precedes a damaged entry is read before the damage is found", () => {
    const bytes = zipSync({ "a.json": strToU8("{}"), "b.json": strToU8(go) });
    const b = directoryOf(bytes)[1] as { offset: number };
    const at = b.offset + 30 + "b.json".length + 10;
    bytes[at] = (bytes[at] as number) ^ 0xff;
    const entries = zipEntries(bytes, "all.zip");
    expect(entries.next().value).toEqual(["a.json", "{}"]);
    expect(() => entries.next()).toThrow(/entry b\.json/);
  });

  it("counts the .json entries, checking each", () => {
    expect(countZipEntries(zip64, "all.zip")).toBe(2);
  });
});

describe("unreadable archives fail closed with DATABASE_UNREADABLE, naming the file", () => {
  const good = zipSync({ "GO-2026-5841.json": strToU8(go), "PYSEC-2023-246.json": strToU8(pypa) });

  it("something that is not a zip", () => {
    expect(unreadableMessage(() => readZipEntries(strToU8("PK not really a zip"), "all.zip"))).toBe(
      "all.zip is not a readable zip archive (no end of central directory record)",
    );
  });

  it("an archive cut anywhere, from memory or from disk", () => {
    for (let cut = 1; cut < good.byteLength; cut += 97) {
      const truncated = good.subarray(0, cut);
      expect(unreadableMessage(() => readZipEntries(truncated, "all.zip"))).toMatch(
        /^all\.zip is not a readable zip archive/,
      );
      expect(unreadableMessage(() => fromFile(onDisk(truncated)))).toMatch(/^all\.zip is not a readable zip archive/);
    }
  });

  it("an entry whose data runs past the end of the archive names the entry", () => {
    const corrupt = Buffer.from(good);
    corrupt.writeUInt32LE(1 << 20, lastCentralRecord(corrupt) + 20); // compressed size
    expect(unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry PYSEC-2023-246.json: data past the end of the archive (truncated?))",
    );
  });

  it("a directory record that points at no local header", () => {
    const corrupt = Buffer.from(good);
    corrupt.writeUInt32LE(3, lastCentralRecord(corrupt) + 42); // local header offset
    expect(unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry PYSEC-2023-246.json: no local file header where the directory says)",
    );
  });

  it("a flipped byte in compressed data: the CRC-32 or the inflater catches it", () => {
    const corrupt = good.slice();
    corrupt[200] = (corrupt[200] as number) ^ 0x55;
    expect(unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toMatch(
      /^all\.zip is not a readable zip archive \(entry GO-2026-5841\.json: (CRC-32 mismatch|cannot inflate|\d+ bytes)/,
    );
  });

  it("a stored entry whose bytes changed: the CRC-32 tells", () => {
    const stored = zipSync({ "GO-2026-5841.json": [strToU8(go), { level: 0 }] });
    const data = 30 + "GO-2026-5841.json".length;
    stored[data + 100] = 0x20; // still valid UTF-8, maybe still JSON: only the checksum can tell
    expect(unreadableMessage(() => readZipEntries(stored, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry GO-2026-5841.json: CRC-32 mismatch)",
    );
  });

  it("an entry that inflates to more or fewer bytes than the directory says", () => {
    const corrupt = Buffer.from(good);
    corrupt.writeUInt32LE(1000, lastCentralRecord(corrupt) + 24); // uncompressed size
    expect(unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry PYSEC-2023-246.json: inflates to more than the 1000 bytes the directory says)",
    );
    corrupt.writeUInt32LE(5000, lastCentralRecord(corrupt) + 24);
    expect(unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry PYSEC-2023-246.json: 4709 bytes, the directory says 5000)",
    );
  });

  it("an entry with a compression method other than stored or deflated", () => {
    const corrupt = Buffer.from(good);
    const central = corrupt.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    corrupt.writeUInt16LE(14, central + 10); // LZMA
    expect(unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry GO-2026-5841.json: unsupported compression method 14)",
    );
  });

  it("an encrypted entry", () => {
    const corrupt = Buffer.from(good);
    const central = corrupt.indexOf(Buffer.from([0x50, 0x4b, 1, 2]));
    corrupt.writeUInt16LE(1, central + 8);
    expect(unreadableMessage(() => readZipEntries(corrupt, "all.zip"))).toBe(
      "all.zip is not a readable zip archive (entry GO-2026-5841.json: encrypted)",
    );
  });
});
