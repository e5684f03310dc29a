import { Validation } from "@cyclonedx/cyclonedx-library";
import { SbomError } from "../errors.js";

/** CycloneDX versions Tollgate can validate (its own output and SBOMs it reads). */
export type ValidatableCycloneDxVersion = "1.4" | "1.5" | "1.6";

const validators = new Map<string, Validation.JsonStrictValidator>();

/**
 * Validates a CycloneDX JSON document against the official schema shipped in
 * @cyclonedx/cyclonedx-library. Returns the schema errors (empty when valid).
 */
export async function cycloneDxSchemaErrors(
  document: unknown,
  version: ValidatableCycloneDxVersion,
): Promise<string[]> {
  let validator = validators.get(version);
  if (!validator) {
    validator = new Validation.JsonStrictValidator(version as never);
    validators.set(version, validator);
  }
  const errors = await validator.validate(JSON.stringify(document));
  if (errors === null) return [];
  return (errors as Array<{ instancePath?: string; message?: string }>).map(
    (e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`,
  );
}

/** Throws SBOM_INVALID naming the first schema errors when the document does not validate. */
export async function validateCycloneDx(
  document: unknown,
  version: ValidatableCycloneDxVersion = "1.6",
  shownAs = "CycloneDX document",
): Promise<void> {
  const errors = await cycloneDxSchemaErrors(document, version);
  if (errors.length > 0) {
    throw new SbomError(
      "SBOM_INVALID",
      `${shownAs} breaks the CycloneDX ${version} schema: ${errors.slice(0, 5).join("; ")}`,
      {
        location: { file: shownAs },
        hint: "this is a bug in the tool that wrote it; report it with the file attached",
      },
    );
  }
}
