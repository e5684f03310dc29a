import { AttestError } from "./attest-error.js";

export const CYCLONEDX_PREDICATE = "https://cyclonedx.org/bom";
export const SPDX_PREDICATE_PREFIX = "https://spdx.dev/Document/";

/** The in-toto predicate type of an SBOM document: CycloneDX or SPDX (by its spdxVersion); anything else is refused. */
export function sbomPredicateType(document: unknown, file: string): string {
  const doc = (document ?? {}) as Record<string, unknown>;
  if (doc.bomFormat === "CycloneDX") return CYCLONEDX_PREDICATE;
  if (typeof doc.spdxVersion === "string") {
    const match = /^SPDX-(\d+\.\d+)$/.exec(doc.spdxVersion);
    if (match) return `${SPDX_PREDICATE_PREFIX}v${match[1]}`;
  }
  throw new AttestError("ATTEST_BAD_CONTEXT", `${file} is neither a CycloneDX nor an SPDX JSON document`, {
    location: { file },
    hint: 'Pass an SBOM written by the sbom action (CycloneDX with "bomFormat", or SPDX with "spdxVersion").',
  });
}

/** Parses an SBOM file's text into its predicate type and document. */
export function parseSbom(text: string, file: string): { predicateType: string; predicate: unknown } {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw new AttestError("ATTEST_BAD_CONTEXT", `${file} is not JSON: ${(cause as Error).message}`, {
      location: { file },
      cause,
      hint: "Pass the JSON SBOM, not another format.",
    });
  }
  return { predicateType: sbomPredicateType(document, file), predicate: document };
}
