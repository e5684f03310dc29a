import { TollgateError } from "@tollgate/errors";

/** Stable codes of the sbom package. */
export type SbomErrorCode =
  | "SBOM_PARSE" // the file is not JSON
  | "SBOM_FORMAT" // JSON, but neither CycloneDX 1.4–1.6 nor SPDX 2.3
  | "SBOM_INVALID" // the document breaks its schema or refers to things it does not define
  | "SBOM_READ_FAILED" // the file could not be read
  | "SBOM_WRITE_FAILED" // the output file could not be written
  | "SBOM_USAGE" // options that contradict each other (e.g. --output with two formats)
  | "SBOM_EMPTY"; // the lockfiles pin no dependency (or none is left after --omit): no SBOM without --allow-empty

/** An error reading, writing or validating an SBOM; names the file where known. */
export class SbomError extends TollgateError<SbomErrorCode> {}
