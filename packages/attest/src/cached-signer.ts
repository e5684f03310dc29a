import { createSign, generateKeyPairSync, type KeyObject, type Sign, sign } from "node:crypto";
import type { Signature, Signer } from "@sigstore/sign";
import type { HttpClient } from "@tollgate/net";
import { requestSigningCertificate } from "./fulcio-client.js";

/** Fulcio certificates live 10 minutes; ask for a fresh one well before that. */
const CERTIFICATE_REUSE_MS = 8 * 60_000;

export interface CachedCertificateSignerOptions {
  fulcioUrl: string;
  /** The client for Fulcio requests (allow-list, timeouts, retries with backoff, logs, egress records). */
  http: HttpClient;
  getToken: () => Promise<string>;
  timeoutMs: number;
  retries: number;
  now?: () => number;
}

/**
 * A keyless signer that asks Fulcio for one certificate for its ephemeral key and signs every artifact of
 * the run with it, so Fulcio requests do not grow with the number of artifacts. The key never leaves memory.
 */
export class CachedCertificateSigner implements Signer {
  private readonly privateKey: KeyObject;
  private readonly publicKeyPem: string;
  private readonly options: CachedCertificateSignerOptions;
  private readonly now: () => number;
  private certificate: { pem: Promise<string>; at: number } | undefined;
  /** Certificates requested from Fulcio so far. */
  certificateRequests = 0;

  constructor(options: CachedCertificateSignerOptions) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    this.publicKeyPem = publicKey.export({ format: "pem", type: "spki" }).toString();
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** The PEM certificate of the current signing key (requested on first use). */
  async certificatePem(): Promise<string> {
    const current = this.certificate;
    if (current && this.now() - current.at < CERTIFICATE_REUSE_MS) return current.pem;
    this.certificateRequests++;
    const { fulcioUrl, http, timeoutMs, retries } = this.options;
    const pem = this.options.getToken().then((token) =>
      requestSigningCertificate({
        fulcioUrl,
        http,
        token,
        privateKey: this.privateKey,
        publicKeyPem: this.publicKeyPem,
        timeoutMs,
        attempts: retries + 1,
      }),
    );
    this.certificate = { pem, at: this.now() };
    return pem;
  }

  async sign(data: Buffer): Promise<Signature> {
    const certificate = await this.certificatePem();
    return { signature: sign("sha256", data, this.privateKey), key: { $case: "x509Certificate", certificate } };
  }

  /**
   * The same signature as `sign`, over data given in chunks (a file streamed once, never held whole). A file of
   * one chunk (most artifacts) is signed in one call as `sign` does, without a Sign stream (a fifth of the CPU of
   * signing a small file); only a second chunk starts one. Chunks may be reused by the caller once `update` returns.
   */
  signChunks(): ChunkSigner {
    let first: Buffer | undefined;
    let stream: Sign | undefined;
    return {
      update: (chunk) => {
        if (stream !== undefined) {
          stream.update(chunk);
        } else if (first === undefined) {
          first = Buffer.from(chunk);
        } else {
          stream = createSign("sha256").update(first).update(chunk);
          first = undefined;
        }
      },
      finish: async () => {
        const certificate = await this.certificatePem();
        const signature =
          stream !== undefined
            ? stream.sign(this.privateKey)
            : sign("sha256", first ?? Buffer.alloc(0), this.privateKey);
        return { signature, key: { $case: "x509Certificate", certificate } };
      },
    };
  }
}

/** A signature being computed over chunks of data. */
export interface ChunkSigner {
  update(chunk: Uint8Array): void;
  finish(): Promise<Signature>;
}
