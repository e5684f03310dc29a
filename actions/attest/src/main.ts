import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import * as core from "@actions/core";
import { attestRelease, expandArtifacts, type PredicateInput, resolveInstance } from "@tollgate/attest";
import { type GateRecord, verificationSummaryOf } from "@tollgate/gate";
import { createGitHubClient, getListInput, publishReleaseAssets, runAction, uploadAttestation } from "@tollgate/github";
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

/** The SLSA verification summary of the gate record named by the `verification-summary` input, if any. */
async function verificationSummary(path: string): Promise<PredicateInput[]> {
  if (!path) return [];
  const bytes = await readFile(path);
  const record = JSON.parse(bytes.toString("utf8")) as GateRecord;
  const server = process.env.GITHUB_SERVER_URL ?? "https://github.com";
  const repository = process.env.GITHUB_REPOSITORY ?? "";
  return [
    verificationSummaryOf(record, {
      verifierId: `https://github.com/tollgate-dev/tollgate/actions/gate@v${record.tollgate.version}`,
      resourceUri: `git+${server}/${repository}@${process.env.GITHUB_REF ?? ""}`,
      policyUri: record.policy.file
        ? `${server}/${repository}/blob/${process.env.GITHUB_SHA ?? ""}/${record.policy.file}`
        : "https://github.com/tollgate-dev/tollgate#default-policy",
      recordUri: basename(path),
      recordSha256: createHash("sha256").update(bytes).digest("hex"),
    }),
  ];
}

void runAction(async () => {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const paths = await expandArtifacts(getListInput("artifacts"), workspace);
  const sboms = getListInput("sbom").length > 0 ? await expandArtifacts(getListInput("sbom"), workspace) : [];
  const outDir = core.getInput("out-dir") || workspace;
  const result = await attestRelease({
    paths,
    sbomPaths: sboms,
    provenance: core.getBooleanInput("provenance"),
    extraPredicates: await verificationSummary(core.getInput("verification-summary")),
    outDir,
    instance: (visibility) =>
      resolveInstance(
        {
          instance: core.getInput("instance") || "auto",
          ...(core.getInput("fulcio-url") ? { fulcioUrl: core.getInput("fulcio-url") } : {}),
          ...(core.getInput("rekor-url") ? { rekorUrl: core.getInput("rekor-url") } : {}),
          ...(core.getInput("rekor-version") ? { rekorVersion: core.getInput("rekor-version") } : {}),
          ...(core.getInput("tsa-url") ? { tsaUrl: core.getInput("tsa-url") } : {}),
          allowHosts: getListInput("allow-hosts"),
        },
        visibility,
      ),
    getToken: sigstoreToken,
    serverUrl: process.env.GITHUB_SERVER_URL ?? "https://github.com",
  });
  core.info(`attested ${result.subjects} artifact(s) with the ${result.instance.name} Sigstore instance`);
  core.setOutput("attestations", result.files.map((f) => f.path).join("\n"));
  const [owner = "", repo = ""] = (process.env.GITHUB_REPOSITORY ?? "").split("/");
  const client = createGitHubClient({
    http: createHttpClient({ allow: getListInput("allow-hosts") }),
    baseUrl: process.env.GITHUB_API_URL ?? "https://api.github.com",
    token: core.getInput("github-token"),
  });
  if (core.getBooleanInput("push-to-github")) {
    let warned = false;
    for (const file of result.files) {
      for (const bundle of (await readFile(file.path, "utf8")).trim().split("\n")) {
        const upload = await uploadAttestation(client, { owner, repo }, JSON.parse(bundle));
        if (upload.status === "unavailable" && !warned) {
          core.warning(upload.warning);
          warned = true;
        }
        if (upload.status === "unavailable") break;
        core.info(`stored ${file.name} attestation ${upload.id}`);
      }
    }
  }
  const tag = core.getInput("release-tag");
  if (tag) {
    const files = result.files.map((f) => ({ path: f.path }));
    const published = await publishReleaseAssets(client, { owner, repo }, tag, files, {
      overwrite: core.getBooleanInput("overwrite"),
    });
    core.info(
      `attached ${published.uploaded.length} file(s) to release ${tag}${published.createdRelease ? " (created as a draft)" : ""}`,
    );
  }
  return true;
}, "attestation failed");
