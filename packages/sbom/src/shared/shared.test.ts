import { describe, expect, it } from "vitest";
import { classifyLicense } from "./license.js";
import { isoSeconds, sbomTimestamp } from "./timestamp.js";
import { contentUuid, uuidV5 } from "./uuid.js";

describe("uuidV5", () => {
  it("matches the RFC 9562 test vector (www.example.com in the DNS namespace)", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it("derives the same id from the same content and another from other content", () => {
    expect(contentUuid("a")).toBe(contentUuid("a"));
    expect(contentUuid("a")).not.toBe(contentUuid("b"));
  });
});

describe("sbomTimestamp", () => {
  it("takes SOURCE_DATE_EPOCH when set", () => {
    expect(sbomTimestamp({ SOURCE_DATE_EPOCH: "1700000000" }).toISOString()).toBe("2023-11-14T22:13:20.000Z");
  });

  it("takes the clock, without milliseconds, when SOURCE_DATE_EPOCH is unset", () => {
    expect(sbomTimestamp({}, () => new Date("2024-01-02T03:04:05.678Z")).toISOString()).toBe(
      "2024-01-02T03:04:05.000Z",
    );
  });

  it("rejects a SOURCE_DATE_EPOCH that is not whole seconds", () => {
    expect(() => sbomTimestamp({ SOURCE_DATE_EPOCH: "1.5" })).toThrow('SOURCE_DATE_EPOCH is "1.5"');
  });

  it("formats times without milliseconds", () => {
    expect(isoSeconds(new Date("2024-01-02T03:04:05.678Z"))).toBe("2024-01-02T03:04:05Z");
  });
});

describe("classifyLicense", () => {
  it("tells a single SPDX id, an expression and free text apart", () => {
    expect(classifyLicense("MIT")).toEqual({ kind: "id", id: "MIT" });
    expect(classifyLicense("(MIT OR Apache-2.0)")).toEqual({ kind: "expression", expression: "(MIT OR Apache-2.0)" });
    expect(classifyLicense("Apache-2.0 WITH LLVM-exception")).toEqual({
      kind: "expression",
      expression: "Apache-2.0 WITH LLVM-exception",
    });
    expect(classifyLicense("SEE LICENSE IN LICENSE.md")).toEqual({ kind: "name", name: "SEE LICENSE IN LICENSE.md" });
  });
});

describe("classifyLicense (repeated strings)", () => {
  it("gives the same frozen form for a string it has seen before", () => {
    const first = classifyLicense("Apache-2.0 OR MIT");
    expect(classifyLicense("Apache-2.0 OR MIT")).toBe(first);
    expect(first).toEqual({ kind: "expression", expression: "Apache-2.0 OR MIT" });
    expect(Object.isFrozen(first)).toBe(true);
  });
});
