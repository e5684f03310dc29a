import { createHash } from "node:crypto";
import { RFC3161Timestamp } from "@sigstore/core";
import type { VerificationMaterial, Witness } from "@sigstore/sign";
import { type HttpClient, isHttpError } from "@tollgate/net";
import { AttestError } from "./attest-error.js";
import type { SignatureContent } from "./rekor-entry.js";

export interface TsaWitnessOptions {
  /** The TSA's base URL (…/api/v1/timestamp is added) or its full timestamp URL (a URL with a path). */
  tsaUrl: string;
  /** The client every request goes through (allow-list, timeouts, retries with backoff, logs, egress records). */
  http: HttpClient;
  timeoutMs: number;
  attempts: number;
}

const SERVICE = "the timestamp authority";

/**
 * An RFC 3161 timestamp witness (the @sigstore/sign `Witness` interface) that talks through @tollgate/net: the same
 * request and bundle material as @sigstore/sign 5.1.0's TSAWitness (a timestamp over the sha256 of the signature),
 * and a typed error when the answer is not a timestamp at all.
 */
export class TsaWitness implements Witness {
  private readonly url: string;

  constructor(private readonly options: TsaWitnessOptions) {
    // As @sigstore/sign: a URL with a path is the full timestamp URL (a SigningConfig service entry).
    const base = options.tsaUrl.replace(/\/+$/, "");
    this.url = new URL(options.tsaUrl).pathname === "/" ? `${base}/api/v1/timestamp` : options.tsaUrl;
  }

  async testify(content: SignatureContent): Promise<VerificationMaterial> {
    const signature =
      content.$case === "messageSignature"
        ? content.messageSignature.signature
        : content.dsseEnvelope.signatures[0]?.sig;
    if (signature === undefined) {
      throw new AttestError("ATTEST_SIGNING_FAILED", "the DSSE envelope has no signature to timestamp");
    }
    const request = {
      artifactHash: createHash("sha256").update(signature).digest("base64"),
      hashAlgorithm: "sha256",
    };
    let body: Uint8Array;
    try {
      const response = await this.options.http.request({
        method: "POST",
        url: this.url,
        headers: { "content-type": "application/json", "user-agent": "tollgate" },
        body: JSON.stringify(request),
        // A second timestamp over the same hash is as good as the first.
        idempotent: true,
        timeoutMs: this.options.timeoutMs,
        attempts: this.options.attempts,
      });
      body = response.body;
    } catch (error) {
      if (!isHttpError(error)) throw error;
      throw new AttestError("ATTEST_SIGNING_FAILED", `signing failed at ${SERVICE}: ${error.message}`, {
        hint: "The timestamp authority was unreachable, slow or refused the request after retries; nothing was signed. Check the instance URLs and retry.",
        cause: error,
      });
    }
    const signedTimestamp = Buffer.from(body);
    try {
      RFC3161Timestamp.parse(signedTimestamp);
    } catch {
      const { host, pathname } = new URL(this.url);
      throw new AttestError(
        "ATTEST_SIGNING_FAILED",
        `signing failed at ${SERVICE}: ${host}${pathname} returned ${signedTimestamp.length} bytes that are not an RFC 3161 timestamp`,
        { hint: "Check that tsa-url points at an RFC 3161 timestamp authority; nothing was signed." },
      );
    }
    return { rfc3161Timestamps: [{ signedTimestamp }] };
  }
}
