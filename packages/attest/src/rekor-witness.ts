import type { VerificationMaterial, Witness } from "@sigstore/sign";
import { type HttpClient, isHttpError } from "@tollgate/net";
import { AttestError } from "./attest-error.js";
import { MalformedEntryError, type SignatureContent, toProposedEntry, toTransparencyLogEntry } from "./rekor-entry.js";

export interface RekorV1WitnessOptions {
  /** The log's base URL, e.g. https://rekor.sigstore.dev. */
  rekorUrl: string;
  /** The client every request goes through (allow-list, timeouts, retries with backoff, logs, egress records). */
  http: HttpClient;
  /** Per-attempt timeout in ms (the client caps it at 30 s). */
  timeoutMs: number;
  /** Attempts in all for 5xx, 429, timeouts and connection failures. */
  attempts: number;
}

const SERVICE = "Rekor (transparency log)";
const HINT =
  "The transparency log was unreachable, slow or refused the entry after retries; nothing was signed. Check the instance URLs and retry.";

/**
 * A Rekor v1 witness (the @sigstore/sign `Witness` interface) that talks through @tollgate/net instead of
 * @sigstore/sign's own HTTP stack: the same entries and bundle material as RekorWitness with `entryType: "dsse"`,
 * including fetching the existing entry when a retried POST is answered 409 Conflict.
 */
export class RekorV1Witness implements Witness {
  private readonly entriesUrl: string;

  constructor(private readonly options: RekorV1WitnessOptions) {
    this.entriesUrl = `${options.rekorUrl.replace(/\/+$/, "")}/api/v1/log/entries`;
  }

  async testify(content: SignatureContent, publicKey: string): Promise<VerificationMaterial> {
    const proposed = toProposedEntry(content, publicKey);
    const { http, timeoutMs, attempts } = this.options;
    const common = { timeoutMs, attempts, headers: { accept: "application/json", "user-agent": "tollgate" } };
    let answer: unknown;
    let url = this.entriesUrl;
    try {
      // Creating an entry is safe to retry: a repeat of one that was created is answered 409 with its location.
      const created = await http.request({
        ...common,
        method: "POST",
        url,
        headers: { ...common.headers, "content-type": "application/json" },
        body: JSON.stringify(proposed),
        idempotent: true,
        acceptStatus: [409],
      });
      if (created.status === 409) {
        const location = created.headers.get("location");
        const uuid = location?.split("/").pop();
        if (!uuid) throw malformed(url, "a 409 Conflict answer without the location of the existing entry");
        url = `${this.entriesUrl}/${encodeURIComponent(uuid)}`;
        answer = (await http.request({ ...common, method: "GET", url })).json();
      } else {
        answer = created.json();
      }
      return { tlogEntries: [toTransparencyLogEntry(answer, proposed.kind)] };
    } catch (error) {
      if (error instanceof AttestError) throw error;
      if (error instanceof MalformedEntryError) throw malformed(url, error.message);
      if (isHttpError(error)) {
        throw new AttestError("ATTEST_SIGNING_FAILED", `signing failed at ${SERVICE}: ${error.message}`, {
          hint: HINT,
          cause: error,
        });
      }
      throw error;
    }
  }
}

function malformed(url: string, reason: string): AttestError {
  const { host, pathname } = new URL(url);
  return new AttestError(
    "ATTEST_SIGNING_FAILED",
    `signing failed at ${SERVICE}: ${host}${pathname} returned a malformed log entry (${reason})`,
    {
      hint: "The service at rekor-url did not answer as a Rekor v1 log (for a Rekor v2 log set rekor-version 2); nothing was signed.",
    },
  );
}
