import { describe, expect, it } from "vitest";
import { compiledBuiltinRules } from "../rules/builtin.js";
import { analyzeText } from "./analyze.js";
import { Matcher } from "./matcher.js";

const matcher = new Matcher(compiledBuiltinRules());
const TOKEN = "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";
const b64 = (s: string): string => Buffer.from(s).toString("base64");
const found = (text: string, decodeDepth = 2): Array<[string, string, string]> =>
  analyzeText(text, { matcher, decodeDepth }).map((f) => [f.ruleId, f.secret, f.via.join("+")]);

describe("analyzeText", () => {
  it("finds a token as is", () => {
    expect(found(`const t = "${TOKEN}";`)).toEqual([["github-pat", TOKEN, ""]]);
  });

  it("finds a base64-encoded token and reports it at the encoded run", () => {
    const text = `GITHUB_TOKEN: ${b64(TOKEN)}`;
    const [f] = analyzeText(text, { matcher, decodeDepth: 2 });
    expect([f?.ruleId, f?.via, f?.start]).toEqual(["github-pat", ["base64"], text.indexOf(b64(TOKEN).slice(0, 8))]);
  });

  it("decodes two layers by default and stops at the configured depth", () => {
    const twice = `blob = ${b64(`inner=${b64(`token=${TOKEN}`)}`)}`;
    expect(found(twice)).toEqual([["github-pat", TOKEN, "base64+base64"]]);
    expect(found(twice, 1)).toEqual([]);
  });

  it("decodes hex and percent-encoded runs", () => {
    expect(found(`x=${Buffer.from(TOKEN).toString("hex")}`)).toEqual([["github-pat", TOKEN, "hex"]]);
    const pct = [...`t=${TOKEN}`].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, "0")}`).join("");
    expect(found(`q=${pct}`)).toEqual([["github-pat", TOKEN, "percent"]]);
  });

  it("finds a token split across concatenated string literals", () => {
    expect(found(`var n="${TOKEN.slice(0, 11)}"+"${TOKEN.slice(11)}";`)).toEqual([["github-pat", TOKEN, "concat"]]);
  });

  it("stays silent on lockfile integrity hashes, data URIs, UUIDs and git SHAs", () => {
    const text = [
      `"integrity": "sha512-${b64("x".repeat(64))}"`,
      `background: url("data:image/png;base64,iVBORw0KGgo${b64("\u0000\u0001binary".repeat(20))}")`,
      `"tenantId": "b53cade2-d461-4e9b-be6b-b5e8ea689ea4"`,
      `"commit": "bd6c08b07d75bbb14d5d2cefde055c0119b8a8ef"`,
    ].join("\n");
    expect(found(text)).toEqual([]);
  });

  it("drops a generic finding where a provider rule matched the same bytes", () => {
    expect(found(`GITHUB_TOKEN=${TOKEN}`).map(([rule]) => rule)).toEqual(["github-pat"]);
  });

  it("rejects a ghp_ look-alike whose checksum is wrong", () => {
    expect(found(`t = "ghp_I1oGJ9CKh6n9SK2B2iWMmRFDF2aDjx4LI3mC"`).map(([rule]) => rule)).not.toContain("github-pat");
  });

  it("scans a megabyte-long minified line in linear time and finds the token at its end", () => {
    const noise = 'var a=function(e,t){return e&&t?e[t]:void 0};x.token=y.secret;"pass"+"word";'.repeat(40_000);
    const started = Date.now();
    const result = found(`${noise}window.cfg={t:"${TOKEN}"};`);
    expect(result).toEqual([["github-pat", TOKEN, ""]]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
