import type { Scope } from "@tollgate/inventory";
import { SbomError, type SbomFormat } from "@tollgate/sbom";
import { z } from "zod";

/** The action's inputs, validated. */
export interface SbomInputs {
  path: string;
  formats: SbomFormat[];
  outputDir: string;
  omit: Scope[];
  allowEmpty: boolean;
}

const schema = z.object({
  path: z.string().default("."),
  formats: z.array(z.enum(["cyclonedx-json", "spdx-json"])),
  outputDir: z.string().default("."),
  omit: z.array(z.enum(["dev", "optional"]).transform((o): Scope => (o === "dev" ? "development" : "optional"))),
  allowEmpty: z.enum(["true", "false"]).transform((v) => v === "true"),
});

/** Validates raw inputs (lists already split); throws SBOM_USAGE naming the bad input and its allowed values. */
export function parseSbomInputs(raw: {
  path: string;
  formats: string[];
  outputDir: string;
  omit: string[];
  allowEmpty?: string;
}): SbomInputs {
  const result = schema.safeParse({
    path: raw.path || ".",
    formats: raw.formats.length > 0 ? raw.formats : ["cyclonedx-json", "spdx-json"],
    outputDir: raw.outputDir || ".",
    omit: raw.omit,
    allowEmpty: raw.allowEmpty || "false",
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const names: Record<string, string> = { outputDir: "output-dir", allowEmpty: "allow-empty" };
    const key = String(issue?.path[0] ?? "?");
    const input = names[key] ?? key;
    throw new SbomError("SBOM_USAGE", `input ${input}: ${issue?.message ?? "invalid"}`, {
      hint: "formats takes cyclonedx-json and/or spdx-json; omit takes dev and/or optional; allow-empty takes true or false",
    });
  }
  return result.data;
}
