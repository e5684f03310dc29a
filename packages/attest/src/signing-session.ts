import { type Bundle, bundleToJSON, type SerializedBundle } from "@sigstore/bundle";
import { RFC3161Timestamp } from "@sigstore/core";
import type { RekorWitnessOptions, Witness } from "@sigstore/sign";
// The bundlers alone: @sigstore/sign's index also loads its HTTP stack (make-fetch-happen, ~50 ms of every
// start), which only a Rekor v2 log still needs (loaded then, below).
import { DSSEBundleBuilder } from "@sigstore/sign/dist/bundler/index.js";
import { createHttpClient, type HttpClient } from "@tollgate/net";
import { AttestError, redactSecret } from "./attest-error.js";
import { CachedCertificateSigner } from "./cached-signer.js";
import { digestAndSignFile } from "./file-signature.js";
import type { SigstoreInstance } from "./instance.js";
import { MessageSignatureV03BundleBuilder } from "./message-bundle-builder.js";
import { RekorV1Witness } from "./rekor-witness.js";
import { IN_TOTO_PAYLOAD_TYPE, type Statement } from "./statement.js";
import { TsaWitness } from "./tsa-witness.js";

export interface SigningOptions {
  instance: SigstoreInstance;
  /** The OIDC token for audience `sigstore` (in actions: core.getIDToken("sigstore")); undefined when unavailable. */
  getToken: () => Promise<string | undefined>;
  /** Per-request timeout, capped at 30 s. */
  timeoutMs?: number;
  /** Retries per request on 5xx, 429 and network errors, with exponential backoff. */
  retries?: number;
  /** Re-requests of a whole bundle when the TSA's timestamp is unparseable (upstream "invalid time" bug). */
  timestampAttempts?: number;
  now?: () => number;
  /**
   * The client for Rekor v1 and TSA requests (one per artifact). Default: a keep-alive @tollgate/net client on its
   * dispatcher transport, allowed to reach only this instance's hosts (already checked against the allow-list).
   */
  http?: HttpClient;
}

export interface SigningSession {
  /** A message-signature bundle (hashedrekord) over the bytes of an artifact. */
  signBlob(data: Buffer): Promise<SerializedBundle>;
  /**
   * A message-signature bundle over a file read once (hashed and signed in one pass, never held whole), with the
   * file's sha256 (hex) that the bundle's digest records.
   */
  signFile(path: string): Promise<{ sha256: string; bundle: SerializedBundle }>;
  /** A DSSE bundle over an in-toto Statement. */
  signStatement(statement: Statement): Promise<SerializedBundle>;
  /** The PEM certificate used for signing (for the legacy `.pem` file). */
  certificatePem(): Promise<string>;
  /** Fulcio certificate requests made so far. */
  readonly certificateRequests: number;
}

const OIDC_HINT =
  "Add `permissions: id-token: write` to the job (and run on GitHub Actions), so the runner can mint the OIDC token for audience `sigstore`.";

/** Opens a keyless signing session against one Sigstore instance; one Fulcio certificate serves the whole session. */
export function createSigningSession(options: SigningOptions): SigningSession {
  const timeoutMs = Math.min(options.timeoutMs ?? 30_000, 30_000);
  const retries = options.retries ?? 3;
  const retry = { retries, factor: 2, minTimeout: 500, maxTimeout: 5_000 };
  let token: string | undefined;
  const getToken = async (): Promise<string> => {
    let value: string | undefined;
    try {
      value = await options.getToken();
    } catch (cause) {
      throw new AttestError("ATTEST_OIDC_UNAVAILABLE", `no OIDC token: ${(cause as Error).message}`, {
        hint: OIDC_HINT,
      });
    }
    if (!value)
      throw new AttestError("ATTEST_OIDC_UNAVAILABLE", "no OIDC token is available to this job", { hint: OIDC_HINT });
    token = value;
    return value;
  };
  const { fulcioUrl, rekorUrl, tsaUrl } = options.instance;
  const hosts = [fulcioUrl, rekorUrl, tsaUrl].flatMap((url) => (url ? [new URL(url).hostname] : []));
  const http = options.http ?? createHttpClient({ allowOnly: hosts, transport: "dispatcher", timeoutMs });
  const signer = new CachedCertificateSigner({
    fulcioUrl,
    http,
    getToken,
    timeoutMs,
    retries,
    ...(options.now ? { now: options.now } : {}),
  });
  const witnesses: Witness[] = [];
  const attempts = retries + 1;
  if (rekorUrl) {
    witnesses.push(
      options.instance.rekorVersion === 2
        ? rekorV2Witness({ rekorBaseURL: rekorUrl, majorApiVersion: 2, timeout: timeoutMs, retry })
        : new RekorV1Witness({ rekorUrl, http, timeoutMs, attempts }),
    );
  }
  if (tsaUrl) witnesses.push(new TsaWitness({ tsaUrl, http, timeoutMs, attempts }));
  const dsse = new DSSEBundleBuilder({ signer, witnesses });
  const message = new MessageSignatureV03BundleBuilder({ signer, witnesses });
  const timestampAttempts = options.timestampAttempts ?? 3;

  /** Builds a bundle; again (whole: new signature, entries, timestamps) while a timestamp does not parse. */
  async function create(build: () => Promise<Bundle>): Promise<SerializedBundle> {
    for (let attempt = 1; ; attempt++) {
      let json: SerializedBundle;
      try {
        json = bundleToJSON(await build());
      } catch (error) {
        throw signingError(error, token);
      }
      if (timestampsParse(json)) return json;
      if (attempt >= timestampAttempts) {
        throw new AttestError(
          "ATTEST_SIGNING_FAILED",
          `the timestamp authority returned ${timestampAttempts} timestamps that @sigstore/core cannot parse ("invalid time")`,
          {
            hint: "A known upstream bug with genTime fractions; retry the job, or use an instance whose TSA encodes milliseconds.",
          },
        );
      }
    }
  }

  return {
    signBlob: (data) => create(() => message.create({ data })),
    signFile: async (path) => {
      let first: Buffer | undefined;
      const bundle = await create(async () => {
        const { digest, signature } = await digestAndSignFile(path, signer.signChunks());
        // A retry reads the file again: it must still be the file whose digest the first attempt took.
        if (first !== undefined && !first.equals(digest)) throw changedWhileSigning(path);
        first = digest;
        return message.createFromSignature(digest, signature);
      });
      return { sha256: (first as Buffer).toString("hex"), bundle };
    },
    signStatement: (statement) =>
      create(() => dsse.create({ data: Buffer.from(JSON.stringify(statement)), type: IN_TOTO_PAYLOAD_TYPE })),
    certificatePem: async () => {
      try {
        return await signer.certificatePem();
      } catch (error) {
        throw signingError(error, token);
      }
    },
    get certificateRequests() {
      return signer.certificateRequests;
    },
  };
}

/** @sigstore/sign's RekorWitness for a Rekor v2 log, its module loaded on first use. */
function rekorV2Witness(options: RekorWitnessOptions): Witness {
  const witness = import("@sigstore/sign").then(({ RekorWitness }) => new RekorWitness(options));
  return { testify: async (content, key) => (await witness).testify(content, key) };
}

function changedWhileSigning(path: string): AttestError {
  return new AttestError("ATTEST_ARTIFACT_CHANGED", `${path} changed while it was being signed`, {
    location: { file: path },
    hint: "Make sure no other step writes the artifacts while signing; rerun the job.",
  });
}

/** True when every RFC 3161 timestamp of the bundle has a signing time @sigstore/core can read. */
function timestampsParse(bundle: SerializedBundle): boolean {
  for (const ts of bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps ?? []) {
    try {
      void RFC3161Timestamp.parse(Buffer.from(ts.signedTimestamp, "base64")).signingTime;
    } catch {
      return false;
    }
  }
  return true;
}

const SERVICE: Record<string, string> = {
  CA_CREATE_SIGNING_CERTIFICATE_ERROR: "Fulcio (certificate authority)",
  TLOG_CREATE_ENTRY_ERROR: "Rekor (transparency log)",
  TSA_CREATE_TIMESTAMP_ERROR: "the timestamp authority",
  IDENTITY_TOKEN_PARSE_ERROR: "the OIDC token",
  IDENTITY_TOKEN_READ_ERROR: "the OIDC token provider",
};

function signingError(error: unknown, token: string | undefined): AttestError {
  if (error instanceof AttestError) return error;
  const cause = error as { code?: string; message?: string; cause?: { message?: string } } | undefined;
  for (let inner: unknown = cause?.cause; inner; inner = (inner as { cause?: unknown }).cause) {
    if (inner instanceof AttestError) return inner;
  }
  const service = SERVICE[cause?.code ?? ""] ?? "sigstore";
  const outer = cause?.message ?? "";
  const inner = cause?.cause?.message ?? "";
  const detail = inner && !outer.includes(inner) ? `${outer}: ${inner}` : outer;
  return new AttestError("ATTEST_SIGNING_FAILED", redactSecret(`signing failed at ${service}: ${detail}`, token), {
    hint: "The service was unreachable, slow or refused the request after retries; nothing was signed. Check the instance URLs and retry.",
  });
}
