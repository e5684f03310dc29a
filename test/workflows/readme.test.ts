import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PERMISSIONS, renderReference } from "../../scripts/actions-reference.mjs";

describe("the README", () => {
  it("lists every action's inputs, outputs and permissions as the action.yml files say", () => {
    expect(readFileSync("README.md", "utf8"), "run: node scripts/actions-reference.mjs --write").toContain(
      renderReference(),
    );
  });

  it("documents the permissions of every action", () => {
    expect(renderReference()).not.toContain("**undocumented**");
    expect(Object.keys(PERMISSIONS).length).toBeGreaterThan(10);
  });

  it("gives the two set-up commands, npm ci and npm test", () => {
    const readme = readFileSync("README.md", "utf8");
    expect(readme).toContain("npm ci     #");
    expect(readme).toContain("npm test   #");
  });
});
