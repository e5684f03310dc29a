import type { SerializedBundle } from "@sigstore/bundle";
import { ASN1Obj, X509Certificate } from "@sigstore/core";

/** Fulcio's GitHub certificate extensions (https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md). */
export const OID_ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";
export const OID_SOURCE_REPOSITORY_URI = "1.3.6.1.4.1.57264.1.12";
export const OID_SOURCE_REPOSITORY_DIGEST = "1.3.6.1.4.1.57264.1.13";
export const OID_SOURCE_REPOSITORY_REF = "1.3.6.1.4.1.57264.1.14";
export const OID_RUNNER_ENVIRONMENT = "1.3.6.1.4.1.57264.1.11";

/** The signer identity as read from the leaf certificate of a bundle. */
export interface CertificateIdentity {
  subjectAlternativeName: string | undefined;
  issuer: string | undefined;
  sourceRepositoryUri: string | undefined;
  sourceRepositoryDigest: string | undefined;
  sourceRepositoryRef: string | undefined;
  runnerEnvironment: string | undefined;
}

/** The leaf certificate of a bundle (v0.3 single certificate or older chain), or undefined for key-based bundles. */
export function leafCertificate(bundle: SerializedBundle): X509Certificate | undefined {
  const material = bundle.verificationMaterial;
  const raw = material.certificate?.rawBytes ?? material.x509CertificateChain?.certificates[0]?.rawBytes;
  return raw ? X509Certificate.parse(Buffer.from(raw, "base64")) : undefined;
}

/** Reads SAN, issuer and GitHub extensions from the leaf certificate. */
export function certificateIdentity(certificate: X509Certificate): CertificateIdentity {
  return {
    subjectAlternativeName: certificate.subjectAltName,
    issuer: extensionText(certificate, OID_ISSUER_V2),
    sourceRepositoryUri: extensionText(certificate, OID_SOURCE_REPOSITORY_URI),
    sourceRepositoryDigest: extensionText(certificate, OID_SOURCE_REPOSITORY_DIGEST),
    sourceRepositoryRef: extensionText(certificate, OID_SOURCE_REPOSITORY_REF),
    runnerEnvironment: extensionText(certificate, OID_RUNNER_ENVIRONMENT),
  };
}

/** An extension value: Fulcio's v2 OIDs hold a DER UTF8String. */
function extensionText(certificate: X509Certificate, oid: string): string | undefined {
  const extension = certificate.extension(oid);
  if (!extension) return undefined;
  try {
    return ASN1Obj.parseBuffer(extension.value as Buffer<ArrayBuffer>).value.toString("utf8");
  } catch {
    return extension.value.toString("utf8");
  }
}

/** The identity in a PEM certificate (e.g. the session's signing certificate). */
export function certificateIdentityFromPem(pem: string): CertificateIdentity {
  return certificateIdentity(X509Certificate.parse(pem));
}
