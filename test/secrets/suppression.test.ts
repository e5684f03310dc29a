import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildBaseline, readBaseline, scanPaths } from "@tollgate/secrets";
import { afterEach, describe, expect, it } from "vitest";
import { removeTree, scanDir, TOKEN, tree, where } from "./helpers.js";

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map(removeTree));
  dirs = [];
});
async function dir(files: Record<string, string>): Promise<string> {
  const d = await tree(files);
  dirs.push(d);
  return d;
}

const SLACK = "xoxb-317000416323-3166012763696-weX8eS2xSRQtg5dy2oFnrMZC";

describe("suppression", () => {
  it("reports findings with an inline marker as suppressed, with the marker's reason", async () => {
    const d = await dir({
      "fixture.ts": `export const T = "${TOKEN}"; // tollgate:allow fake token for redaction tests\n`,
    });
    const result = await scanDir(d);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((s) => [s.file, s.line, s.suppressedBy, s.reason])).toEqual([
      ["fixture.ts", 1, "inline", "fake token for redaction tests"],
    ]);
  });

  it("applies policy allow entries by path glob, regex on the secret and stopword, each with its reason", async () => {
    const d = await dir({ "test/a.env": `T=${TOKEN}\n`, "src/b.env": `S=${SLACK}\n`, "src/c.env": `GH=${TOKEN}\n` });
    const result = await scanDir(d, {
      allow: [
        { path: "test/**", reason: "test data" },
        { regex: "^xoxb-3170", reason: "revoked bot token" },
      ],
    });
    expect(where(result)).toEqual(["src/c.env:1 github-pat"]);
    expect(result.suppressed.map((s) => `${s.file} ${s.suppressedBy} ${s.reason}`)).toEqual([
      "src/b.env config revoked bot token",
      "test/a.env config test data",
    ]);
    const stop = await scanDir(d, { allow: [{ stopword: "i1ogj9", reason: "known fake" }] });
    expect(where(stop)).toEqual(["src/b.env:1 slack-bot-token"]);
  });

  it("round-trips a baseline: accepted findings become suppressed, new ones still fail", async () => {
    const d = await dir({ "a.env": `T=${TOKEN}\n` });
    const first = await scanDir(d);
    const baselineFile = join(d, "..", `${d.split("/").pop()}.baseline.json`);
    dirs.push(baselineFile);
    await writeFile(baselineFile, JSON.stringify(buildBaseline(first)));
    expect(JSON.stringify(buildBaseline(first))).not.toContain(TOKEN);
    await writeFile(join(d, "b.env"), `S=${SLACK}\n`);
    const second = await scanPaths({ paths: [d], cwd: d, workers: 0, baseline: await readBaseline(baselineFile) });
    expect(where(second)).toEqual(["b.env:1 slack-bot-token"]);
    expect(second.suppressed.map((s) => `${s.file} ${s.suppressedBy}`)).toEqual(["a.env baseline"]);
  });

  it("gives a finding a new fingerprint when it moves to another line", async () => {
    const a = await scanDir(await dir({ "a.env": `T=${TOKEN}\n` }));
    const b = await scanDir(await dir({ "a.env": `\nT=${TOKEN}\n` }));
    expect(a.findings[0]?.fingerprint).not.toBe(b.findings[0]?.fingerprint);
  });
});
