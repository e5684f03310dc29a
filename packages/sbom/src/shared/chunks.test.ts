import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arrayMarker, documentChunks, renderDocument, type StreamedDocument } from "./chunks.js";
import { uuidV5 } from "./uuid.js";

/** A document of two streamed arrays between plain keys, identified like a CycloneDX serial number. */
function sample(title: string, first: unknown[], second: unknown[], trailer: unknown = "end"): StreamedDocument {
  return {
    header: (identity) => ({
      title,
      ...(identity === undefined ? {} : { id: identity }),
      first: arrayMarker("first"),
      middle: { nested: [1, 2] },
      second: arrayMarker("second"),
      trailer,
    }),
    identityKey: "id",
    identityOf: (uuid) => `urn:uuid:${uuid}`,
    arrays: [
      ["first", () => first],
      ["second", () => second],
    ],
  };
}

/** What the pieces must add up to: the whole document pretty-printed, identified by the hash of its text without id. */
function expected(title: string, first: unknown[], second: unknown[], trailer: unknown = "end"): string {
  const plain = (id?: string) => ({
    title,
    ...(id === undefined ? {} : { id }),
    first,
    middle: { nested: [1, 2] },
    second,
    trailer,
  });
  const digest = createHash("sha256")
    .update(`${JSON.stringify(plain(), null, 2)}\n`)
    .digest("hex");
  return `${JSON.stringify(plain(`urn:uuid:${uuidV5(`sha256:${digest}`)}`), null, 2)}\n`;
}

const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString("utf8");

describe("documentChunks", () => {
  it("adds up to JSON.stringify of the whole document with its content-derived id (any values, any array length)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary" }),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 600 }),
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 300 }),
        (title, first, second) => {
          expect(text(documentChunks(sample(title, first, second)))).toBe(expected(title, first, second));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("writes empty arrays as []", () => {
    expect(text(documentChunks(sample("t", [], [])))).toBe(expected("t", [], []));
  });

  it("keeps keys after the last array that the arrays' elements decide", () => {
    const seen: number[] = [];
    const doc = sample("t", [], []);
    const lazy: StreamedDocument = {
      ...doc,
      header: (identity) => ({ ...doc.header(identity), trailer: seen.length }),
      arrays: [
        [
          "first",
          function* () {
            for (const n of [1, 2, 3]) {
              seen.push(n);
              yield n;
            }
          },
        ],
        ["second", () => []],
      ],
    };
    expect(text(documentChunks(lazy))).toBe(expected("t", [1, 2, 3], [], 3));
  });

  it("fails when the text before the first array changes while the arrays are made", () => {
    let calls = 0;
    const doc = sample("t", [1], []);
    const unstable: StreamedDocument = { ...doc, header: (identity) => ({ calls: calls++, ...doc.header(identity) }) };
    expect(() => documentChunks(unstable)).toThrow("must be the only difference, before the first array");
  });
});

describe("renderDocument", () => {
  it("streams the pieces with a placeholder and returns the id's bytes and offset", () => {
    const streamed: Buffer[] = [];
    const identity = renderDocument(sample("täst", [{ a: "ü" }], [2]), (chunk) => streamed.push(chunk));
    const whole = Buffer.concat(streamed);
    expect(whole.subarray(identity.offset, identity.offset + identity.bytes.length).toString()).toBe(
      '"urn:uuid:00000000-0000-0000-0000-000000000000"',
    );
    identity.bytes.copy(whole, identity.offset);
    expect(whole.toString("utf8")).toBe(expected("täst", [{ a: "ü" }], [2]));
  });
});
