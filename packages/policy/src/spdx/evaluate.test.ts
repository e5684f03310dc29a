import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateLicense, type LicenseRules, termSet } from "./evaluate.js";

const rules = (allow: string[] | undefined, deny: string[] = []): LicenseRules => ({
  ...(allow ? { allow: termSet(allow) } : {}),
  deny: termSet(deny),
});
const permissive = rules(["MIT", "ISC", "Apache-2.0", "BSD-3-Clause"]);

describe("evaluateLicense", () => {
  it("passes an OR when any branch is allowed", () => {
    expect(evaluateLicense("GPL-3.0-only OR MIT", permissive).status).toBe("allowed");
  });

  it("needs every part of an AND", () => {
    expect(evaluateLicense("MIT AND GPL-3.0-only", permissive)).toEqual({
      status: "not-allowed",
      expression: "MIT AND GPL-3.0-only",
      terms: ["GPL-3.0-only"],
    });
  });

  it("honours precedence and parentheses", () => {
    expect(evaluateLicense("(MIT OR GPL-3.0-only) AND ISC", permissive).status).toBe("allowed");
    expect(evaluateLicense("MIT OR GPL-3.0-only AND CC0-1.0", rules(["CC0-1.0"])).status).toBe("not-allowed");
  });

  it("requires a WITH exception to be allowed as written", () => {
    expect(evaluateLicense("Apache-2.0 WITH LLVM-exception", permissive).status).toBe("not-allowed");
    expect(evaluateLicense("Apache-2.0 WITH LLVM-exception", rules(["Apache-2.0 WITH LLVM-exception"])).status).toBe(
      "allowed",
    );
  });

  it("reads deprecated GNU ids strictly: GPL-2.0 is GPL-2.0-only, not or-later", () => {
    expect(evaluateLicense("GPL-2.0", rules(["GPL-2.0-only"])).status).toBe("allowed");
    expect(evaluateLicense("GPL-2.0", rules(["GPL-2.0-or-later"])).status).toBe("not-allowed");
    expect(evaluateLicense("GPL-2.0+", rules(["GPL-2.0-or-later"])).status).toBe("allowed");
  });

  it("lets an or-later license be taken under the allowed base version", () => {
    expect(evaluateLicense("LGPL-2.1-or-later", rules(["LGPL-2.1-only"])).status).toBe("allowed");
    expect(evaluateLicense("LGPL-2.1-only", rules(["LGPL-2.1-or-later"])).status).toBe("not-allowed");
  });

  it("maps ids with a folded exception to WITH", () => {
    const allow = rules(["GPL-2.0-only WITH Classpath-exception-2.0"]);
    expect(evaluateLicense("GPL-2.0-with-classpath-exception", allow).status).toBe("allowed");
  });

  it("matches LicenseRef ids exactly", () => {
    expect(evaluateLicense("LicenseRef-Acme", rules(["LicenseRef-Acme"])).status).toBe("allowed");
    expect(evaluateLicense("LicenseRef-Other", rules(["LicenseRef-Acme"])).status).toBe("not-allowed");
  });

  it("lets deny win over allow, and over every branch of an OR", () => {
    expect(evaluateLicense("MIT", rules(["MIT"], ["MIT"]))).toEqual({
      status: "denied",
      expression: "MIT",
      terms: ["MIT"],
    });
    expect(evaluateLicense("MIT OR GPL-3.0-only", rules(undefined, ["GPL-3.0-only"])).status).toBe("allowed");
  });

  it("allows any valid license that is not denied when there is no allow list", () => {
    expect(evaluateLicense("0BSD", rules(undefined)).status).toBe("allowed");
  });

  it.each([
    "MIT/X11",
    "BSD",
    "SEE LICENSE IN LICENSE.md",
    "UNLICENSED",
    "mit",
    "Apache 2.0",
    "",
  ])("reports %j as unknown with the raw string, never corrected", (raw) => {
    expect(evaluateLicense(raw, rules(undefined))).toEqual({ status: "unknown", raw });
  });

  it("never confuses UNLICENSED with Unlicense", () => {
    const allowUnlicense = rules(["Unlicense"]);
    expect(evaluateLicense("Unlicense", allowUnlicense).status).toBe("allowed");
    expect(evaluateLicense("UNLICENSED", allowUnlicense).status).toBe("unknown");
  });

  it("is monotonic: allowing more never turns a pass into a failure", () => {
    const ids = ["MIT", "ISC", "Apache-2.0", "GPL-2.0-only", "GPL-3.0-or-later", "BSD-3-Clause"];
    const expression = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, fc.constantFrom(...ids), tie("pair")),
      pair: fc
        .tuple(tie("node"), fc.constantFrom("AND", "OR"), tie("node"))
        .map(([l, op, r]) => `(${String(l)} ${op} ${String(r)})`),
    })).node as fc.Arbitrary<string>;
    fc.assert(
      fc.property(expression, fc.subarray(ids), fc.subarray(ids), (text, some, more) => {
        const narrow = evaluateLicense(text, rules(some)).status === "allowed";
        const wide = evaluateLicense(text, rules([...some, ...more])).status === "allowed";
        return !narrow || wide;
      }),
    );
  });
});
