import { describe, expect, it } from "vitest";
import { parseReviewInputs, pullRequestNumber } from "./inputs.js";

const raw = { path: "", base: "", baseSbom: "", policy: "", advisoryDb: "", offline: "", comment: "", token: "t" };

describe("review action inputs", () => {
  it("defaults the base to origin/<base branch> on a pull request", () => {
    expect(parseReviewInputs(raw, { GITHUB_BASE_REF: "main" })).toEqual({
      path: ".",
      base: "origin/main",
      offline: false,
      comment: true,
      token: "t",
    });
  });

  it("refuses to run without any base outside a pull request", () => {
    expect(() => parseReviewInputs(raw, {})).toThrow(/no base to compare with/);
  });

  it("rejects a flag that is not true or false, naming the input", () => {
    expect(() => parseReviewInputs({ ...raw, base: "HEAD~1", offline: "yes" }, {})).toThrow(/^input offline: /);
  });

  it("reads the pull request number from the event payload", () => {
    expect(pullRequestNumber({ pull_request: { number: 42 } })).toBe(42);
    expect(pullRequestNumber({ push: {} })).toBeUndefined();
  });
});
