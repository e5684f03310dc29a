import { createHash } from "node:crypto";
import { toMessageSignatureBundle } from "@sigstore/bundle";
import { pem } from "@sigstore/core";
import type { Artifact, BundleBuilderOptions, Signature, Witness } from "@sigstore/sign";
// The bundler alone, without @sigstore/sign's HTTP stack (see signing-session.ts).
import { MessageSignatureBundleBuilder } from "@sigstore/sign/dist/bundler/index.js";

type MessageBundle = Awaited<ReturnType<MessageSignatureBundleBuilder["create"]>>;

/**
 * @sigstore/sign's message-signature builder always writes a v0.2 bundle with a certificate chain; this one
 * writes v0.3 with the single leaf certificate, as the issue (and current cosign/gh) expect. It also builds a
 * bundle from a digest and signature computed elsewhere (a file read once), witnessed exactly as `create` does.
 */
export class MessageSignatureV03BundleBuilder extends MessageSignatureBundleBuilder {
  private readonly allWitnesses: Witness[];

  constructor(options: BundleBuilderOptions) {
    super(options);
    this.allWitnesses = options.witnesses;
  }

  protected override async package(artifact: Artifact, signature: Signature): Promise<MessageBundle> {
    return toV03Bundle(createHash("sha256").update(artifact.data).digest(), signature);
  }

  /** The bundle of a sha256 `digest` and the signature over the same bytes, with every witness's material. */
  async createFromSignature(digest: Buffer, signature: Signature): Promise<MessageBundle> {
    const bundle = toV03Bundle(digest, signature);
    // As BaseBundleBuilder.create: all witnesses in parallel, their entries and timestamps merged in order.
    const key = signature.key.$case === "x509Certificate" ? signature.key.certificate : signature.key.publicKey;
    const materials = await Promise.all(this.allWitnesses.map((w) => w.testify(bundle.content, key)));
    bundle.verificationMaterial.tlogEntries = materials.flatMap((m) => m.tlogEntries ?? []);
    bundle.verificationMaterial.timestampVerificationData = {
      rfc3161Timestamps: materials.flatMap((m) => m.rfc3161Timestamps ?? []),
    };
    return bundle;
  }
}

/** The DER of the last certificate seen: every artifact of a session is signed under the same one. */
let lastCertificate: { pem: string; der: Buffer } | undefined;
function certificateDer(certificate: string): Buffer {
  if (lastCertificate?.pem !== certificate) lastCertificate = { pem: certificate, der: pem.toDER(certificate) };
  return lastCertificate.der;
}

function toV03Bundle(digest: Buffer, signature: Signature): MessageBundle {
  return toMessageSignatureBundle({
    digest,
    signature: signature.signature,
    certificate: signature.key.$case === "x509Certificate" ? certificateDer(signature.key.certificate) : undefined,
    keyHint: signature.key.$case === "publicKey" ? signature.key.hint : undefined,
    certificateChain: false,
  }) as MessageBundle;
}
