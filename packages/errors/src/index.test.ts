import { describe, expect, it } from "vitest";
import { formatError, TollgateError } from "./index.js";

class DemoError extends TollgateError<"DEMO_BROKEN"> {}

describe("TollgateError", () => {
  it("keeps the code, location and hint it was given", () => {
    const error = new DemoError("DEMO_BROKEN", "unexpected token", {
      location: { file: "package-lock.json", line: 3, column: 7 },
      hint: "regenerate the lockfile with npm install",
    });
    expect(error.code).toBe("DEMO_BROKEN");
    expect(error.name).toBe("DemoError");
    expect(error).toBeInstanceOf(TollgateError);
  });

  it("renders file, line, column, code and hint for people", () => {
    const error = new DemoError("DEMO_BROKEN", "unexpected token", {
      location: { file: "package-lock.json", line: 3, column: 7 },
      hint: "regenerate the lockfile with npm install",
    });
    expect(formatError(error)).toBe(
      "package-lock.json:3:7: unexpected token [DEMO_BROKEN]\n  hint: regenerate the lockfile with npm install",
    );
  });

  it("does not repeat the file when the message starts with it", () => {
    const error = new DemoError("DEMO_BROKEN", "yarn.lock: a depends on b, which the lockfile does not lock", {
      location: { file: "yarn.lock", line: 3 },
    });
    expect(formatError(error)).toBe("yarn.lock:3: a depends on b, which the lockfile does not lock [DEMO_BROKEN]");
    const prose = new DemoError("DEMO_BROKEN", "yarn.lock is not valid", { location: { file: "yarn.lock", line: 3 } });
    expect(formatError(prose)).toBe("yarn.lock:3: yarn.lock is not valid [DEMO_BROKEN]");
  });

  it("renders an error without a location as its message and code", () => {
    expect(formatError(new DemoError("DEMO_BROKEN", "no lockfile"))).toBe("no lockfile [DEMO_BROKEN]");
  });

  it("marks errors that are not Tollgate's as internal", () => {
    expect(formatError(new TypeError("x is undefined"))).toMatch(/^internal error: TypeError: x is undefined/);
  });
});
