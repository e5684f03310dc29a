/**
 * Fulcio's signing-certificate request, ported from @sigstore/sign 5.1.0 (dist/signer/fulcio/{index,ca}.js,
 * dist/util/oidc.js, Apache-2.0) onto @tollgate/net: the same request (the OIDC token, the PEM public key and a
 * proof of possession, the key's signature over the token's subject) and the same answer read (the first
 * certificate of the embedded- or detached-SCT chain), through the project's client instead of make-fetch-happen.
 */
import { type KeyObject, sign } from "node:crypto";
import { type HttpClient, isHttpError } from "@tollgate/net";
import { AttestError } from "./attest-error.js";

export interface CertificateRequest {
  fulcioUrl: string;
  http: HttpClient;
  /** The OIDC token for audience `sigstore`. */
  token: string;
  privateKey: KeyObject;
  /** The public key as SPKI PEM. */
  publicKeyPem: string;
  timeoutMs: number;
  attempts: number;
}

/** An error carrying the code @sigstore/sign gives the same failure (the session names the service from it). */
export class SigningStepError extends Error {
  constructor(
    readonly code: "IDENTITY_TOKEN_PARSE_ERROR",
    message: string,
  ) {
    super(message);
  }
}

const SERVICE = "Fulcio (certificate authority)";

/** The token's subject as Fulcio checks it: a verified email when the token has one, else `sub`. */
export function tokenSubject(token: string): string {
  let claims: { email?: unknown; email_verified?: unknown; sub?: unknown };
  try {
    claims = JSON.parse(Buffer.from(token.split(".", 3)[1] ?? "", "base64").toString("utf8"));
  } catch {
    throw new SigningStepError("IDENTITY_TOKEN_PARSE_ERROR", `invalid identity token: ${token}`);
  }
  if (claims.email) {
    if (!claims.email_verified)
      throw new SigningStepError("IDENTITY_TOKEN_PARSE_ERROR", "JWT email not verified by issuer");
    return String(claims.email);
  }
  if (typeof claims.sub === "string" && claims.sub !== "") return claims.sub;
  throw new SigningStepError("IDENTITY_TOKEN_PARSE_ERROR", "JWT subject not found");
}

/** Asks Fulcio for a certificate for the key; resolves with its PEM (the leaf, first of the chain). */
export async function requestSigningCertificate(request: CertificateRequest): Promise<string> {
  const subject = tokenSubject(request.token);
  const body = {
    credentials: { oidcIdentityToken: request.token },
    publicKeyRequest: {
      publicKey: { algorithm: "ECDSA", content: request.publicKeyPem },
      proofOfPossession: sign("sha256", Buffer.from(subject), request.privateKey).toString("base64"),
    },
  };
  const url = `${request.fulcioUrl.replace(/\/+$/, "")}/api/v2/signingCert`;
  let answer: unknown;
  try {
    const response = await request.http.request({
      method: "POST",
      url,
      headers: { "content-type": "application/json", accept: "application/json", "user-agent": "tollgate" },
      body: JSON.stringify(body),
      // A second certificate for the same key is as good as the first.
      idempotent: true,
      timeoutMs: request.timeoutMs,
      attempts: request.attempts,
    });
    answer = response.json();
  } catch (error) {
    if (!isHttpError(error)) throw error;
    throw new AttestError("ATTEST_SIGNING_FAILED", `signing failed at ${SERVICE}: ${error.message}`, {
      hint: "Fulcio was unreachable, slow or refused the request after retries; nothing was signed. Check the instance URLs and retry.",
      cause: error,
    });
  }
  const leaf = leafOf(answer);
  if (leaf === undefined) {
    const { host, pathname } = new URL(url);
    throw new AttestError(
      "ATTEST_SIGNING_FAILED",
      `signing failed at ${SERVICE}: ${host}${pathname} returned no certificate chain`,
      { hint: "Check that fulcio-url points at a Fulcio v2 API; nothing was signed." },
    );
  }
  return leaf;
}

function leafOf(answer: unknown): string | undefined {
  const a = answer as Record<string, { chain?: { certificates?: unknown } } | undefined> | null;
  const sct = a?.signedCertificateEmbeddedSct ?? a?.signedCertificateDetachedSct;
  const certificates = sct?.chain?.certificates;
  const leaf = Array.isArray(certificates) ? certificates[0] : undefined;
  return typeof leaf === "string" && leaf.includes("-----BEGIN CERTIFICATE-----") ? leaf : undefined;
}
