import * as core from "@actions/core";
import { createGitHubClient, getListInput, publishReleaseAssets, runAction } from "@tollgate/github";
import { createHttpClient } from "@tollgate/net";
import { glob } from "tinyglobby";

const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();

await runAction(async () => {
  const files: string[] = [];
  for (const pattern of getListInput("files")) {
    const matched = await glob(pattern, { cwd: workspace, onlyFiles: true, absolute: true, expandDirectories: false });
    if (matched.length === 0) throw new Error(`files: ${pattern} matched no file in ${workspace}`);
    files.push(...matched);
  }
  const [owner = "", repo = ""] = (process.env.GITHUB_REPOSITORY ?? "").split("/");
  const apiUrl = process.env.GITHUB_API_URL ?? "https://api.github.com";
  const client = createGitHubClient({
    http: createHttpClient({ allow: [new URL(apiUrl).hostname] }),
    baseUrl: apiUrl,
    token: core.getInput("github-token"),
  });
  const tag = core.getInput("release-tag", { required: true });
  const result = await publishReleaseAssets(
    client,
    { owner, repo },
    tag,
    [...new Set(files)].sort().map((path) => ({ path })),
    { overwrite: core.getBooleanInput("overwrite") },
  );
  core.info(
    `attached ${result.uploaded.length} file(s) to release ${tag}${result.createdRelease ? " (created as a draft)" : ""}${result.replaced.length > 0 ? `, replaced ${result.replaced.join(", ")}` : ""}`,
  );
  core.setOutput("release-id", String(result.release.id));
  core.setOutput("draft", String(result.release.draft));
  core.setOutput("uploaded", String(result.uploaded.length));
  return true;
});
