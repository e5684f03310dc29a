import { describe, expect, it } from "vitest";
import type { CertificateIdentity } from "./certificate-identity.js";
import { checkIdentity, validateIdentityPolicy } from "./identity-policy.js";

const ISSUER = "https://token.actions.githubusercontent.com";
const identity: CertificateIdentity = {
  subjectAlternativeName: "https://github.com/acme/widgets/.github/workflows/release.yml@refs/tags/v1.2.3",
  issuer: ISSUER,
  sourceRepositoryUri: "https://github.com/acme/widgets",
  sourceRepositoryDigest: undefined,
  sourceRepositoryRef: "refs/tags/v1.2.3",
  runnerEnvironment: "github-hosted",
};

describe("validateIdentityPolicy", () => {
  it("requires exactly one of the identity and the regular expression", () => {
    expect(() => validateIdentityPolicy({ certificateOidcIssuer: ISSUER })).toThrow(
      "give exactly one of --certificate-identity and --certificate-identity-regexp",
    );
    expect(() =>
      validateIdentityPolicy({
        certificateOidcIssuer: ISSUER,
        certificateIdentity: "a",
        certificateIdentityRegExp: "a",
      }),
    ).toThrow("give exactly one of --certificate-identity and --certificate-identity-regexp");
  });

  it("refuses a regular expression that does not compile", () => {
    expect(() => validateIdentityPolicy({ certificateOidcIssuer: ISSUER, certificateIdentityRegExp: "(" })).toThrow(
      /^--certificate-identity-regexp is not a valid regular expression: /,
    );
  });
});

describe("checkIdentity", () => {
  it("anchors the regular expression: a prefix of the SAN does not match", () => {
    expect(() =>
      checkIdentity(identity, {
        certificateOidcIssuer: ISSUER,
        certificateIdentityRegExp: "https://github\\.com/acme",
      }),
    ).toThrow(expect.objectContaining({ code: "VERIFY_IDENTITY" }));
    expect(() =>
      checkIdentity(identity, {
        certificateOidcIssuer: ISSUER,
        certificateIdentityRegExp: "https://github\\.com/acme/.*",
      }),
    ).not.toThrow();
  });

  it("compares the source repository on the given server", () => {
    expect(() =>
      checkIdentity(identity, {
        certificateOidcIssuer: ISSUER,
        certificateIdentityRegExp: ".*",
        repository: "acme/widgets",
        serverUrl: "https://ghe.example",
      }),
    ).toThrow(
      'source repository check failed: the certificate says "https://github.com/acme/widgets", expected "https://ghe.example/acme/widgets"',
    );
  });
});
