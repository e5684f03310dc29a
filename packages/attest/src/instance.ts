import { AttestError } from "./attest-error.js";

/** Which Sigstore services sign: a certificate authority, optionally a transparency log and a timestamp authority. */
export interface SigstoreInstance {
  name: "public-good" | "github" | "custom";
  fulcioUrl: string;
  rekorUrl?: string;
  /** Rekor API major version; 1 unless the log is a Rekor v2 (tile-based) log. */
  rekorVersion?: 1 | 2;
  tsaUrl?: string;
}

export type InstanceChoice = "auto" | "public-good" | "github" | "custom";

/** The public-good instance: Fulcio and Rekor; the log entry (with the repository name) is public. */
export const PUBLIC_GOOD: SigstoreInstance = {
  name: "public-good",
  fulcioUrl: "https://fulcio.sigstore.dev",
  rekorUrl: "https://rekor.sigstore.dev",
  rekorVersion: 1,
};

/** GitHub's instance, as GitHub's own attestation actions use for private repositories: Fulcio and TSA, no log. */
export const GITHUB_INSTANCE: SigstoreInstance = {
  name: "github",
  fulcioUrl: "https://fulcio.githubapp.com",
  tsaUrl: "https://timestamp.githubapp.com",
};

export interface SelectInstanceOptions {
  choice: InstanceChoice;
  /** repository_visibility of the run: "public", "private" or "internal". */
  visibility?: string;
  custom?: Omit<SigstoreInstance, "name">;
}

/**
 * Picks the instance: `auto` is public-good for public repositories and GitHub's instance for
 * everything else (private, internal, unknown), so no repository name reaches the public log by default.
 */
export function selectInstance(options: SelectInstanceOptions): SigstoreInstance {
  if (options.choice === "custom") {
    if (!options.custom) {
      throw new AttestError("ATTEST_BAD_INSTANCE", "sigstore instance `custom` needs at least a Fulcio URL", {
        hint: "Set fulcio-url and rekor-url and/or tsa-url.",
      });
    }
    const custom: SigstoreInstance = { name: "custom", ...options.custom };
    validateInstance(custom);
    return custom;
  }
  if (options.choice === "public-good") return PUBLIC_GOOD;
  if (options.choice === "github") return GITHUB_INSTANCE;
  return options.visibility === "public" ? PUBLIC_GOOD : GITHUB_INSTANCE;
}

/** Every service URL of the instance, for the egress allow-list check. */
export function instanceUrls(instance: SigstoreInstance): string[] {
  return [instance.fulcioUrl, instance.rekorUrl, instance.tsaUrl].filter((u): u is string => u !== undefined);
}

/**
 * Fails unless every service host of the instance passes `isAllowed` (the egress allow-list), before anything is
 * signed: Fulcio and Rekor v2 are reached by @sigstore/sign's own HTTP client, outside @tollgate/net (Rekor v1
 * and the TSA go through @tollgate/net, whose client for them is allowed exactly these hosts). Plain http is
 * refused except on loopback.
 */
export function assertInstanceAllowed(instance: SigstoreInstance, isAllowed: (host: string) => boolean): void {
  for (const raw of instanceUrls(instance)) {
    const url = new URL(raw);
    const loopback = url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
    if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
      throw new AttestError("ATTEST_HOST_NOT_ALLOWED", `sigstore service ${raw} is not https`, {
        hint: "Use https URLs for Fulcio, Rekor and the TSA.",
      });
    }
    if (!isAllowed(url.hostname)) {
      throw new AttestError(
        "ATTEST_HOST_NOT_ALLOWED",
        `sigstore service host ${url.hostname} is not on the network allow-list`,
        {
          hint: `Add "${url.hostname}" to network.allow in the policy, or choose another sigstore instance.`,
        },
      );
    }
  }
}

function validateInstance(instance: SigstoreInstance): void {
  for (const raw of instanceUrls(instance)) {
    try {
      new URL(raw);
    } catch {
      throw new AttestError("ATTEST_BAD_INSTANCE", `sigstore service URL ${JSON.stringify(raw)} is not a URL`, {
        hint: "Write absolute https URLs.",
      });
    }
  }
  if (!instance.rekorUrl && !instance.tsaUrl) {
    throw new AttestError("ATTEST_BAD_INSTANCE", "a sigstore instance without Rekor needs a TSA", {
      hint: "Set rekor-url or tsa-url: without a log entry or a timestamp no verifier can trust the signing time.",
    });
  }
}
