import { readFileSync } from "node:fs";
import { SbomError } from "../errors.js";
import { loadAjv } from "../shared/ajv.js";
import { addLinearUniqueItems, withLinearUniqueItems } from "../shared/unique-items.js";

/** CycloneDX versions Tollgate can validate (its own output and SBOMs it reads). */
export type ValidatableCycloneDxVersion = "1.4" | "1.5" | "1.6";

/*
 * The official schemas as @cyclonedx/cyclonedx-library ships them (res/schema), copied into
 * this package (a test keeps them equal) because the library finds its copies through
 * __dirname, which the actions' ESM bundles do not have. Literal URLs let the bundler ship them.
 */
const BOM_SCHEMAS: Record<ValidatableCycloneDxVersion, URL> = {
  "1.4": new URL("../../schema/cyclonedx/bom-1.4.SNAPSHOT.schema.json", import.meta.url),
  "1.5": new URL("../../schema/cyclonedx/bom-1.5.SNAPSHOT.schema.json", import.meta.url),
  "1.6": new URL("../../schema/cyclonedx/bom-1.6.SNAPSHOT.schema.json", import.meta.url),
};
const REFERENCED_SCHEMAS: Record<string, URL> = {
  "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json": new URL(
    "../../schema/cyclonedx/spdx.SNAPSHOT.schema.json",
    import.meta.url,
  ),
  "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json": new URL(
    "../../schema/cyclonedx/jsf-0.82.SNAPSHOT.schema.json",
    import.meta.url,
  ),
};

type CompiledValidator = ((data: unknown) => boolean) & {
  errors?: Array<{ instancePath?: string; message?: string }> | null;
};

const compiled = new Map<ValidatableCycloneDxVersion, CompiledValidator>();

function readJson(url: URL): unknown {
  return JSON.parse(readFileSync(url, "utf8"));
}

/**
 * Compiles a schema with the library's own JsonValidator settings (ajv, ajv-formats, idn-email,
 * no remote refs). Ajv is loaded on first use: writing an SBOM does not need it.
 */
async function validator(version: ValidatableCycloneDxVersion): Promise<CompiledValidator> {
  let validate = compiled.get(version);
  if (!validate) {
    const { createAjv, addFormats, addIdnEmail } = await loadAjv();
    // Copies whose uniqueItems are checked in O(n) by an equivalent keyword (see unique-items.ts).
    const schemas = Object.fromEntries(
      Object.entries(REFERENCED_SCHEMAS).map(([key, url]) => [key, withLinearUniqueItems(readJson(url)).schema]),
    );
    const ajv = createAjv({
      useDefaults: false,
      strict: false,
      strictSchema: false,
      addUsedSchema: false,
      schemas: schemas as Record<string, object>,
      loadSchema: (uri: string) => {
        throw new Error(`Remote schemas are disabled: ${uri}`);
      },
    });
    addFormats(ajv);
    addIdnEmail(ajv);
    ajv.addFormat("iri-reference", true);
    addLinearUniqueItems(ajv);
    validate = ajv.compile(withLinearUniqueItems(readJson(BOM_SCHEMAS[version])).schema as object) as CompiledValidator;
    compiled.set(version, validate);
  }
  return validate;
}

/** Validates a CycloneDX JSON document against the official schema; returns the errors (empty when valid). */
export async function cycloneDxSchemaErrors(
  document: unknown,
  version: ValidatableCycloneDxVersion,
): Promise<string[]> {
  const validate = await validator(version);
  // Validate what a file would hold: the library's normalizer leaves keys with undefined values.
  if (validate(JSON.parse(JSON.stringify(document)))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
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
