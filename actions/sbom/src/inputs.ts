import type { Scope } from "@tollgate/inventory";
import { SbomError, type SbomFormat } from "@tollgate/sbom";
import { z } from "zod";

/** The action's inputs, validated. */
export interface SbomInputs {
  path: string;
  formats: SbomFormat[];
  outputDir: string;
  omit: Scope[];
}

const schema = z.object({
  path: z.string().default("."),
  formats: z.array(z.enum(["cyclonedx-json", "spdx-json"])),
  outputDir: z.string().default("."),
  omit: z.array(z.enum(["dev", "optional"]).transform((o): Scope => (o === "dev" ? "development" : "optional"))),
});

/** Validates raw inputs (lists already split); throws SBOM_USAGE naming the bad input and its allowed values. */
export function parseSbomInputs(raw: {
  path: string;
  formats: string[];
  outputDir: string;
  omit: string[];
}): SbomInputs {
  const result = schema.safeParse({
    path: raw.path || ".",
    formats: raw.formats.length > 0 ? raw.formats : ["cyclonedx-json", "spdx-json"],
    outputDir: raw.outputDir || ".",
    omit: raw.omit,
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const input = issue?.path[0] === "outputDir" ? "output-dir" : String(issue?.path[0] ?? "?");
    throw new SbomError("SBOM_USAGE", `input ${input}: ${issue?.message ?? "invalid"}`, {
      hint: "formats takes cyclonedx-json and/or spdx-json; omit takes dev and/or optional",
    });
  }
  return result.data;
}
