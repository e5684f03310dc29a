import { readFileSync } from "node:fs";
import { SbomError } from "../errors.js";
import { loadAjv } from "../shared/ajv.js";
import { addLinearUniqueItems, withLinearUniqueItems } from "../shared/unique-items.js";

type CompiledValidator = ((data: unknown) => boolean) & {
  errors?: Array<{ instancePath?: string; message?: string }> | null;
};

let compiled: CompiledValidator | undefined;

/** Compiles the schema on first use (Ajv is loaded only then: writing an SBOM does not need it). */
async function validator(): Promise<CompiledValidator> {
  if (!compiled) {
    const { createAjv, addFormats } = await loadAjv();
    // The official SPDX 2.3 JSON schema (spdx/spdx-spec tag v2.3), shipped in this package.
    const schema = JSON.parse(readFileSync(new URL("../../schema/spdx-2.3.schema.json", import.meta.url), "utf8"));
    const ajv = createAjv({ strict: false, allErrors: false });
    addFormats(ajv);
    // uniqueItems (none in SPDX 2.3 today) would be checked in O(n) by an equivalent keyword (see unique-items.ts).
    addLinearUniqueItems(ajv);
    compiled = ajv.compile(withLinearUniqueItems(schema).schema as object) as CompiledValidator;
  }
  return compiled;
}

/** Validates an SPDX 2.3 JSON document against the official schema; returns the errors (empty when valid). */
export async function spdxSchemaErrors(document: unknown): Promise<string[]> {
  const validate = await validator();
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}

/** Throws SBOM_INVALID naming the schema errors when the document is not valid SPDX 2.3. */
export async function validateSpdx(document: unknown, shownAs = "SPDX document"): Promise<void> {
  const errors = await spdxSchemaErrors(document);
  if (errors.length > 0) {
    throw new SbomError("SBOM_INVALID", `${shownAs} breaks the SPDX 2.3 schema: ${errors.slice(0, 5).join("; ")}`, {
      location: { file: shownAs },
      hint: "this is a bug in the tool that wrote it; report it with the file attached",
    });
  }
}
