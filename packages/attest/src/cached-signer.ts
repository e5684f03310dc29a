import { createSign, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { FulcioSigner, type Signature, type Signer } from "@sigstore/sign";

/** Fulcio certificates live 10 minutes; ask for a fresh one well before that. */
const CERTIFICATE_REUSE_MS = 8 * 60_000;

export interface CachedCertificateSignerOptions {
  fulcioUrl: string;
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
  private readonly fulcio: FulcioSigner;
  private readonly now: () => number;
  private certificate: { pem: Promise<string>; at: number } | undefined;
  /** Certificates requested from Fulcio so far. */
  certificateRequests = 0;

  constructor(options: CachedCertificateSignerOptions) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    this.privateKey = privateKey;
    const publicPem = publicKey.export({ format: "pem", type: "spki" }).toString();
    const keyHolder: Signer = {
      sign: async (data: Buffer): Promise<Signature> => ({
        signature: sign("sha256", data, privateKey),
        key: { $case: "publicKey", publicKey: publicPem },
      }),
    };
    this.fulcio = new FulcioSigner({
      fulcioBaseURL: options.fulcioUrl,
      identityProvider: { getToken: options.getToken },
      keyHolder,
      timeout: options.timeoutMs,
      retry: { retries: options.retries, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    });
    this.now = options.now ?? Date.now;
  }

  /** The PEM certificate of the current signing key (requested on first use). */
  async certificatePem(): Promise<string> {
    const current = this.certificate;
    if (current && this.now() - current.at < CERTIFICATE_REUSE_MS) return current.pem;
    this.certificateRequests++;
    const pem = this.fulcio.sign(Buffer.from("tollgate")).then((s) => {
      if (s.key.$case !== "x509Certificate") throw new Error("Fulcio returned no certificate");
      return s.key.certificate;
    });
    this.certificate = { pem, at: this.now() };
    return pem;
  }

  async sign(data: Buffer): Promise<Signature> {
    const certificate = await this.certificatePem();
    return { signature: sign("sha256", data, this.privateKey), key: { $case: "x509Certificate", certificate } };
  }

  /** The same signature as `sign`, over data given in chunks (a file streamed once, never held whole). */
  signChunks(): ChunkSigner {
    const signer = createSign("sha256");
    return {
      update: (chunk) => {
        signer.update(chunk);
      },
      finish: async () => {
        const certificate = await this.certificatePem();
        return { signature: signer.sign(this.privateKey), key: { $case: "x509Certificate", certificate } };
      },
    };
  }
}

/** A signature being computed over chunks of data. */
export interface ChunkSigner {
  update(chunk: Uint8Array): void;
  finish(): Promise<Signature>;
}
