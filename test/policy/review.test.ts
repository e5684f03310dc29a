import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GraphBuilder, readInventory } from "@tollgate/inventory";
import {
  COMMENT_LIMIT,
  diffGraphs,
  inventoryAtRef,
  parsePolicy,
  REVIEW_MARKER,
  renderReviewMarkdown,
  reviewChange,
} from "@tollgate/policy";
import { beforeAll, describe, expect, it } from "vitest";
import { LOCKFILES, npmProject } from "./helpers.js";

/** A git repository whose first commit has insomnia's v2 lockfile and whose work tree has the v3 one. */
function insomniaRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-review-"));
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@example.org",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@example.org",
      },
    });
  git("init", "-q", "-b", "main");
  copyFileSync(join(LOCKFILES, "npm", "Kong__insomnia@1f05683fad__package-lock.json"), join(dir, "package-lock.json"));
  copyFileSync(join(LOCKFILES, "npm", "Kong__insomnia@1f05683fad__package.json"), join(dir, "package.json"));
  git("add", ".");
  git("commit", "-q", "-m", "base");
  copyFileSync(join(LOCKFILES, "npm", "Kong__insomnia__package-lock.json"), join(dir, "package-lock.json"));
  copyFileSync(join(LOCKFILES, "npm", "Kong__insomnia__package.json"), join(dir, "package.json"));
  return dir;
}

let repo: string;
beforeAll(() => {
  repo = insomniaRepo();
});

describe("review of insomnia's lockfile v2 → v3", () => {
  it("reads the base inventory from the git ref", async () => {
    const base = await inventoryAtRef(repo, "HEAD");
    const direct = await readInventory(npmProject("Kong__insomnia@1f05683fad"));
    expect(base.components.map((c) => c.id)).toEqual(direct.components.map((c) => c.id));
  });

  it("reads an empty base when the ref has no lockfile yet", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-review-new-"));
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.org",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.org",
    };
    execFileSync("git", ["init", "-q"], { cwd: dir });
    execFileSync("git", ["commit", "-q", "--allow-empty", "-m", "empty"], { cwd: dir, env });
    expect((await inventoryAtRef(dir, "HEAD")).components).toEqual([]);
  });

  it("fails closed on a ref git does not know", async () => {
    await expect(inventoryAtRef(repo, "no-such-ref")).rejects.toMatchObject({ code: "POLICY_REVIEW" });
  });

  it("shows a version bump as one change, attributed to the direct dependency", async () => {
    const base = await inventoryAtRef(repo, "HEAD");
    const head = await readInventory(repo);
    const result = await reviewChange(base, head, parsePolicy("version: 1\n", "tollgate.yml"));
    const names = (list: { name: string }[]) => list.map((c) => c.name);
    expect(result.diff.changed.every((c) => c.from.name === c.to.name && c.from.version !== c.to.version)).toBe(true);
    expect(names(result.diff.added).filter((n) => names(result.diff.removed).includes(n))).toEqual([]);
    const node = result.diff.changed.find((c) => c.to.name === "@types/node");
    expect(node && [node.from.version, node.to.version, result.via(node.to.id, "head")]).toEqual([
      "17.0.21",
      "20.16.10",
      "(direct)",
    ]);
    const babel = result.diff.changed.find((c) => c.to.name === "@babel/core");
    expect(babel && [babel.from.version, babel.to.version, result.via(babel.to.id, "head")]).toEqual([
      "7.14.0",
      "7.25.2",
      "@vitejs/plugin-react@4.3.2",
    ]);
    expect([result.diff.added.length, result.diff.changed.length, result.diff.removed.length]).toEqual([
      1129, 251, 742,
    ]);
  });

  it("keeps only the findings the change introduces", async () => {
    const base = await inventoryAtRef(repo, "HEAD");
    const head = await readInventory(repo);
    const policy = parsePolicy(
      "version: 1\nlicenses:\n  unknown: allow\nbans:\n  multiple-versions: allow\n",
      "tollgate.yml",
    );
    const result = await reviewChange(base, head, policy, {
      defaultRegistries: { npm: ["https://registry.example.org/"] },
    });
    const ids = new Set([...result.diff.added.map((c) => c.id), ...result.diff.changed.map((c) => c.to.id)]);
    expect(result.introduced.every((f) => ids.has(f.componentId))).toBe(true);
  });
});

describe("review verdict and comment", () => {
  function graph(deps: Record<string, string>) {
    const b = new GraphBuilder();
    const app = b.addComponent({ ecosystem: "npm", name: "app", version: "1.0.0", role: "root" });
    let previous = app;
    for (const [name, version] of Object.entries(deps)) {
      const id = b.addComponent({
        ecosystem: "npm",
        name,
        version,
        license: name === "gpl-lib" ? "GPL-3.0-only" : "MIT",
        location: { file: "package-lock.json", line: 10 },
      });
      b.addEdge(previous, id, "prod");
      previous = id;
    }
    return b.build({ id: "tollgate:root", name: "app" });
  }
  const policy = parsePolicy("version: 1\nlicenses:\n  allow: [MIT]\n", "tollgate.yml");

  it("fails when the change adds a dependency whose license is not allowed, naming the direct dependency", async () => {
    const result = await reviewChange(graph({ a: "1.0.0" }), graph({ a: "1.1.0", "gpl-lib": "2.0.0" }), policy);
    expect(result.verdict).toBe("fail");
    expect(
      diffGraphs(graph({ a: "1.0.0" }), graph({ a: "1.1.0" })).changed.map((c) => `${c.from.version}→${c.to.version}`),
    ).toEqual(["1.0.0→1.1.0"]);
    expect(result.via(result.diff.added[0]?.id ?? "", "head")).toBe("a@1.1.0");
    const comment = renderReviewMarkdown(result, { policyFile: "tollgate.yml" });
    expect(
      comment.startsWith(
        `${REVIEW_MARKER}\n### ❌ Tollgate dependency review: this change introduces 1 policy failure\n`,
      ),
    ).toBe(true);
    expect(comment).toContain("| `gpl-lib` (npm) | 2.0.0 | GPL-3.0-only | a@1.1.0 | — |");
    expect(comment).toContain("| `a` (npm) | 1.0.0 | 1.1.0 | MIT | (direct) | — |");
  });

  it("passes when a failure already existed on the base branch", async () => {
    const result = await reviewChange(
      graph({ "gpl-lib": "2.0.0", a: "1.0.0" }),
      graph({ "gpl-lib": "2.0.0", a: "1.1.0" }),
      policy,
    );
    expect([result.verdict, result.introduced]).toEqual(["pass", []]);
  });

  it("collapses long tables into details", async () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`p${String(i).padStart(2, "0")}`, "1.0.0"]));
    const comment = renderReviewMarkdown(await reviewChange(graph({}), graph(many), policy));
    expect(comment).toContain("<details><summary><strong>Added (12)</strong></summary>");
  });
});

describe("base inventory of a project in a subdirectory", () => {
  it("reads the lockfiles under that directory only, at the base ref", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-review-sub-"));
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.org",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.org",
    };
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env });
    git("init", "-q", "-b", "main");
    mkdirSync(join(dir, "web"));
    mkdirSync(join(dir, "other"));
    copyFileSync(
      join(LOCKFILES, "npm", "BookStackApp__BookStack@b87e97f99e__package-lock.json"),
      join(dir, "web", "package-lock.json"),
    );
    copyFileSync(
      join(LOCKFILES, "npm", "BookStackApp__BookStack@b87e97f99e__package.json"),
      join(dir, "web", "package.json"),
    );
    copyFileSync(join(LOCKFILES, "npm", "Kong__insomnia__package-lock.json"), join(dir, "other", "package-lock.json"));
    git("add", ".");
    git("commit", "-q", "-m", "base");
    const base = await inventoryAtRef(join(dir, "web"), "HEAD");
    const expected = await readInventory(npmProject("BookStackApp__BookStack@b87e97f99e"));
    const deps = (g: typeof base) => g.components.filter((c) => c.role === "dependency").map((c) => c.id);
    expect(base.lockfiles.map((l) => l.path)).toEqual(["package-lock.json"]);
    expect(deps(base)).toEqual(deps(expected));
    expect(base.components.filter((c) => c.role === "root").map((c) => c.name)).toEqual(["web"]);
  });
});

describe("the PR comment of a large change", () => {
  it("fits GitHub's comment limit by cutting long tables, saying how many rows are left out", async () => {
    const base = await inventoryAtRef(repo, "HEAD");
    const head = await readInventory(repo);
    const result = await reviewChange(base, head, parsePolicy("version: 1\n", "tollgate.yml"));
    const full = renderReviewMarkdown(result);
    const comment = renderReviewMarkdown(result, { maxLength: COMMENT_LIMIT });
    expect(full.length).toBeGreaterThan(COMMENT_LIMIT);
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(comment).toContain("<details><summary><strong>Added (1129)</strong></summary>");
    expect(comment).toMatch(
      /_… and \d+ more, not shown here: see the job summary or `tollgate review --format json`._/,
    );
  });
});
