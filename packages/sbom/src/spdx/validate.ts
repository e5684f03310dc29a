import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { SbomError } from "../errors.js";

type CompiledValidator = ((data: unknown) => boolean) & {
  errors?: Array<{ instancePath?: string; message?: string }> | null;
};

let compiled: CompiledValidator | undefined;

function validator(): CompiledValidator {
  if (!compiled) {
    // The official SPDX 2.3 JSON schema (spdx/spdx-spec tag v2.3), shipped in this package.
    const schema = JSON.parse(readFileSync(new URL("../../schema/spdx-2.3.schema.json", import.meta.url), "utf8"));
    const ajv = new Ajv({ strict: false, allErrors: false });
    addFormats.default(ajv);
    compiled = ajv.compile(schema) as CompiledValidator;
  }
  return compiled;
}

/** Validates an SPDX 2.3 JSON document against the official schema; returns the errors (empty when valid). */
export function spdxSchemaErrors(document: unknown): string[] {
  const validate = validator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}

/** Throws SBOM_INVALID naming the schema errors when the document is not valid SPDX 2.3. */
export function validateSpdx(document: unknown, shownAs = "SPDX document"): void {
  const errors = spdxSchemaErrors(document);
  if (errors.length > 0) {
    throw new SbomError("SBOM_INVALID", `${shownAs} breaks the SPDX 2.3 schema: ${errors.slice(0, 5).join("; ")}`, {
      location: { file: shownAs },
      hint: "this is a bug in the tool that wrote it; report it with the file attached",
    });
  }
}
