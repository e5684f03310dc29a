import { readFile } from "node:fs/promises";
import type { DependencyGraph } from "@tollgate/inventory";
import { cycloneDxVersion, graphFromCycloneDx } from "./cyclonedx/read.js";
import { validateCycloneDx } from "./cyclonedx/validate.js";
import { SbomError } from "./errors.js";
import { checkSpdxVersion, graphFromSpdx } from "./spdx/read.js";
import { validateSpdx } from "./spdx/validate.js";

export interface ReadSbomOptions {
  /** How the document is named in messages and locations (default: the path, or `SBOM`). */
  shownAs?: string;
  /** Check the document against its official schema first (default true: fail closed on malformed SBOMs). */
  validate?: boolean;
}

/** The SBOM formats Tollgate reads, as `sbomFormatOf` names them. */
export type SbomFormat = "cyclonedx-json" | "spdx-json";

/** Tells CycloneDX JSON from SPDX JSON by their marker fields, or undefined for anything else. */
export function sbomFormatOf(document: unknown): SbomFormat | undefined {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return undefined;
  const doc = document as Record<string, unknown>;
  if (doc.bomFormat === "CycloneDX") return "cyclonedx-json";
  if (typeof doc.spdxVersion === "string") return "spdx-json";
  return undefined;
}

/**
 * Reads a CycloneDX (1.4–1.6) or SPDX 2.3 JSON SBOM — given as its text, or as a path
 * when the string does not start with `{` — into the dependency graph model.
 */
export async function readSbom(textOrPath: string, options: ReadSbomOptions = {}): Promise<DependencyGraph> {
  const isText = textOrPath.trimStart().startsWith("{");
  const shownAs = options.shownAs ?? (isText ? "SBOM" : textOrPath);
  const text = isText ? textOrPath : await readSbomFile(textOrPath, shownAs);
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw new SbomError("SBOM_PARSE", `${shownAs} is not valid JSON: ${(cause as Error).message}`, {
      location: { file: shownAs },
      hint: "pass a CycloneDX or SPDX document in JSON format",
      cause,
    });
  }
  const format = sbomFormatOf(document);
  const doc = document as Record<string, unknown>;
  if (format === "cyclonedx-json") {
    const version = cycloneDxVersion(doc, shownAs);
    if (options.validate !== false) await validateCycloneDx(document, version, shownAs);
    return graphFromCycloneDx(document, shownAs);
  }
  if (format === "spdx-json") {
    checkSpdxVersion(doc, shownAs);
    if (options.validate !== false) await validateSpdx(document, shownAs);
    return graphFromSpdx(document, shownAs);
  }
  throw new SbomError("SBOM_FORMAT", `${shownAs} is neither a CycloneDX nor an SPDX JSON document`, {
    location: { file: shownAs },
    hint: 'expected "bomFormat": "CycloneDX" or "spdxVersion": "SPDX-2.3" at the top level',
  });
}

async function readSbomFile(path: string, shownAs: string): Promise<string> {
  const text = await readFile(path, "utf8").catch((cause: unknown) => {
    throw new SbomError("SBOM_READ_FAILED", `cannot read ${shownAs}`, {
      location: { file: shownAs },
      hint: "check that the file exists and is readable",
      cause,
    });
  });
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
