import { createHash } from "node:crypto";
import { toMessageSignatureBundle } from "@sigstore/bundle";
import { pem } from "@sigstore/core";
import { type Artifact, MessageSignatureBundleBuilder, type Signature } from "@sigstore/sign";

type MessageBundle = Awaited<ReturnType<MessageSignatureBundleBuilder["create"]>>;

/**
 * @sigstore/sign's message-signature builder always writes a v0.2 bundle with a certificate chain; this one
 * writes v0.3 with the single leaf certificate, as the issue (and current cosign/gh) expect.
 */
export class MessageSignatureV03BundleBuilder extends MessageSignatureBundleBuilder {
  protected override async package(artifact: Artifact, signature: Signature): Promise<MessageBundle> {
    return toMessageSignatureBundle({
      digest: createHash("sha256").update(artifact.data).digest(),
      signature: signature.signature,
      certificate: signature.key.$case === "x509Certificate" ? pem.toDER(signature.key.certificate) : undefined,
      keyHint: signature.key.$case === "publicKey" ? signature.key.hint : undefined,
      certificateChain: false,
    }) as MessageBundle;
  }
}
