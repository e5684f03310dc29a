import * as core from "@actions/core";
import {
  createSigningSession,
  decodeJwtClaims,
  expandArtifacts,
  resolveInstance,
  signArtifacts,
} from "@tollgate/attest";
import { createGitHubClient, getListInput, publishReleaseAssets, runAction } from "@tollgate/github";
import { createHttpClient } from "@tollgate/net";

/** The runner's OIDC token for audience `sigstore`, masked; undefined without `id-token: write`. */
async function sigstoreToken(): Promise<string | undefined> {
  try {
    const token = await core.getIDToken("sigstore");
    core.setSecret(token);
    return token;
  } catch {
    return undefined;
  }
}

void runAction(async () => {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const paths = await expandArtifacts(getListInput("artifacts"), workspace);
  const token = await sigstoreToken();
  const visibility = token ? String(decodeJwtClaims(token).repository_visibility ?? "private") : "private";
  const instance = resolveInstance(
    {
      instance: core.getInput("instance") || "auto",
      ...(core.getInput("fulcio-url") ? { fulcioUrl: core.getInput("fulcio-url") } : {}),
      ...(core.getInput("rekor-url") ? { rekorUrl: core.getInput("rekor-url") } : {}),
      ...(core.getInput("rekor-version") ? { rekorVersion: core.getInput("rekor-version") } : {}),
      ...(core.getInput("tsa-url") ? { tsaUrl: core.getInput("tsa-url") } : {}),
      allowHosts: getListInput("allow-hosts"),
    },
    visibility,
  );
  core.info(`signing ${paths.length} artifact(s) with the ${instance.name} Sigstore instance`);
  const session = createSigningSession({ instance, getToken: async () => token });
  const result = await signArtifacts({
    paths,
    session,
    outDir: core.getInput("out-dir") || workspace,
    legacy: core.getBooleanInput("legacy-signatures"),
  });
  for (const file of result.written) core.info(`wrote ${file}`);
  core.setOutput("bundles", result.written.filter((f) => f.endsWith(".sigstore.json")).join("\n"));
  core.setOutput("sha256sums", result.sha256sums);
  const tag = core.getInput("release-tag");
  if (tag) {
    const [owner = "", repo = ""] = (process.env.GITHUB_REPOSITORY ?? "").split("/");
    const client = createGitHubClient({
      http: createHttpClient({ allow: getListInput("allow-hosts") }),
      baseUrl: process.env.GITHUB_API_URL ?? "https://api.github.com",
      token: core.getInput("github-token"),
    });
    const files = result.written.map((path) => ({ path }));
    if (core.getBooleanInput("upload-artifacts"))
      files.push(...result.artifacts.map((a) => ({ path: a.path, sha256: a.sha256 })));
    const published = await publishReleaseAssets(client, { owner, repo }, tag, files, {
      overwrite: core.getBooleanInput("overwrite"),
    });
    core.info(
      `attached ${published.uploaded.length} file(s) to release ${tag}${published.createdRelease ? " (created as a draft)" : ""}`,
    );
  }
  return true;
}, "signing failed");
