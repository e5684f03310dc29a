import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: the corpus generator is plain JavaScript without types
import { gzip, makeTar } from "../fixtures/secrets/corpus/generate.mjs";
import { removeTree, TOKEN, tree } from "./helpers.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
type Api = typeof import("@tollgate/secrets");
let built: Api;

beforeAll(async () => {
  // Worker threads run compiled JavaScript: build the package and use its dist.
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, "-b", `${root}packages/secrets`]);
  built = (await import(`${root}packages/secrets/dist/index.js`)) as Api;
}, 120_000);

describe("worker threads", () => {
  it("find the same findings, unscanned records and stats as a scan in one thread", async () => {
    const files: Record<string, string | Buffer> = {};
    for (let i = 0; i < 40; i++) files[`pkg${i}/index.js`] = `export const a${i} = ${i};\n`;
    files["pkg7/.env"] = `GITHUB_TOKEN=${TOKEN}\n`;
    files["pkg9/release.tgz"] = gzip(
      makeTar([{ name: "package/.npmrc", data: `//registry.example.org/:_authToken=${TOKEN}\n` }]),
    );
    files["pkg3/big.txt"] = "y".repeat(3000);
    const dir = await tree(files);
    const config = built.parseSecretsConfig({ limits: { "max-file-bytes": 2000 } });
    const one = await built.scanPaths({ paths: [dir], cwd: dir, workers: 0, config });
    const two = await built.scanPaths({ paths: [dir], cwd: dir, workers: 2, config });
    const three = await built.scanPaths({ paths: [dir], cwd: dir, workers: 3, config });
    await removeTree(dir);
    const strip = (r: typeof one) => ({ ...r, stats: { ...r.stats, seconds: 0 } });
    expect(strip(two)).toEqual(strip(one));
    expect(strip(three)).toEqual(strip(one));
    expect(one.findings.map((f) => `${f.file} ${f.rule}`)).toEqual([
      "pkg7/.env github-pat",
      "pkg9/release.tgz!package/.npmrc github-pat",
    ]);
    expect(one.unscanned.map((u) => u.file)).toEqual(["pkg3/big.txt"]);
  });

  it("scan files as they are listed (several batches, nested directories) and find what one thread finds", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 700; i++) files[`vendor/p${i % 7}/lib/d${i % 13}/m${i}.js`] = `module.exports = ${i};\n`;
    files["vendor/p3/lib/d5/config.env"] = `NPM_TOKEN=${TOKEN}\n`;
    files["top.env"] = `GITHUB_TOKEN=${TOKEN}\n`;
    const dir = await tree(files);
    const one = await built.scanPaths({ paths: [dir], cwd: dir, workers: 0 });
    const three = await built.scanPaths({ paths: [dir], cwd: dir, workers: 3 });
    await removeTree(dir);
    expect({ ...three, stats: { ...three.stats, seconds: 0 } }).toEqual({
      ...one,
      stats: { ...one.stats, seconds: 0 },
    });
    expect(one.stats.files).toBe(702);
    expect(one.findings.map((f) => f.file)).toEqual(["top.env", "vendor/p3/lib/d5/config.env"]);
  });
});
