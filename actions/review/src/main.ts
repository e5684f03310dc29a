import { readFile, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import * as core from "@actions/core";
import { createGitHubClient, runAction, upsertComment } from "@tollgate/github";
import { createHttpClient } from "@tollgate/net";
import { COMMENT_LIMIT, loadPolicy, REVIEW_MARKER, renderReviewMarkdown, runReview } from "@tollgate/policy";
import { isSbomFile, loadGraph } from "@tollgate/sbom";
import { parseReviewInputs, pullRequestNumber } from "./inputs.js";

const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();

async function main(): Promise<boolean> {
  const inputs = parseReviewInputs(
    {
      path: core.getInput("path"),
      base: core.getInput("base"),
      baseSbom: core.getInput("base-sbom"),
      policy: core.getInput("policy"),
      advisoryDb: core.getInput("advisory-db"),
      offline: core.getInput("offline"),
      comment: core.getInput("comment"),
      token: core.getInput("github-token"),
    },
    process.env,
  );
  const loaded = await loadPolicy(inputs.policy, { cwd: workspace });
  const target = resolve(workspace, inputs.path);
  const head = await loadGraph(target, { allowEmpty: true });
  const dir = (await isSbomFile(target)) ? undefined : (await stat(target)).isFile() ? dirname(target) : target;
  const offline = inputs.offline || loaded.policy.network.offline;
  const http = offline ? undefined : createHttpClient({ allow: loaded.policy.network.allow });
  const advisories = inputs.advisoryDb
    ? { kind: "offline" as const, dir: resolve(workspace, inputs.advisoryDb) }
    : http
      ? { kind: "osv-api" as const, http }
      : undefined;
  const result = await runReview({
    head,
    ...(dir ? { dir } : {}),
    ...(inputs.base ? { baseRef: inputs.base } : {}),
    ...(inputs.baseSbom ? { base: await loadGraph(resolve(workspace, inputs.baseSbom), { allowEmpty: true }) } : {}),
    loaded,
    ...(advisories ? { advisories } : {}),
    ...(http ? { metadata: { http } } : {}),
  });
  const prefix = dir === undefined ? "" : `${dir.slice(workspace.length + 1)}`;
  const locate = (f: { ecosystem: string; package: string; version: string }) =>
    head.components.find((c) => c.ecosystem === f.ecosystem && c.name === f.package && c.version === f.version)
      ?.locations ?? [];
  for (const finding of [...result.advisories.map((a) => ({ ...a, locations: locate(a) })), ...result.introduced]) {
    const at = finding.locations[0];
    const props: core.AnnotationProperties = { title: `${finding.kind}: ${finding.package}@${finding.version}` };
    if (at) props.file = prefix === "" ? at.file : `${prefix}/${at.file}`;
    if (at?.line !== undefined) props.startLine = at.line;
    (finding.level === "deny" ? core.error : core.warning)(`${finding.message} [${finding.rule}]`, props);
  }
  const shown = loaded.file ? { policyFile: loaded.file } : {};
  const markdown = renderReviewMarkdown(result, shown);
  await core.summary
    .addRaw(advisories ? markdown : `${markdown}\n_Vulnerabilities were not checked (offline without advisory-db)._\n`)
    .write();
  let commentUrl = "";
  const eventPath = process.env.GITHUB_EVENT_PATH;
  const number = eventPath ? pullRequestNumber(JSON.parse(await readFile(eventPath, "utf8"))) : undefined;
  const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? "").split("/");
  if (inputs.comment && number !== undefined && owner && repo && inputs.token) {
    const apiUrl = process.env.GITHUB_API_URL;
    const client = createGitHubClient({
      http: createHttpClient(apiUrl ? { allow: [new URL(apiUrl).host] } : {}),
      token: inputs.token,
      ...(apiUrl ? { baseUrl: apiUrl } : {}),
    });
    const body = renderReviewMarkdown(result, { ...shown, maxLength: COMMENT_LIMIT });
    const outcome = await upsertComment({ client, owner, repo, number, marker: REVIEW_MARKER, body });
    if (outcome.action === "forbidden")
      core.warning(`the review comment was not posted (${outcome.message}); the job summary has the review`);
    else commentUrl = outcome.url ?? "";
  }
  core.setOutput("verdict", result.verdict);
  core.setOutput("added", String(result.diff.added.length));
  core.setOutput("changed", String(result.diff.changed.length));
  core.setOutput("removed", String(result.diff.removed.length));
  core.setOutput("comment-url", commentUrl);
  return result.verdict === "pass";
}

await runAction(main, "the change introduces dependency policy failures");
