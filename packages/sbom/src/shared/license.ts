import parseSpdx from "spdx-expression-parse/index.js";

/** How a license string can be written into an SBOM. */
export type LicenseForm =
  | { kind: "id"; id: string } // one SPDX license id
  | { kind: "expression"; expression: string } // a compound SPDX expression
  | { kind: "name"; name: string }; // free text, not SPDX

/** Classifies a recorded license as an SPDX id, an SPDX expression, or a free-text name. */
export function classifyLicense(value: string): LicenseForm {
  const text = value.trim();
  let tree: unknown;
  try {
    tree = parseSpdx(text);
  } catch {
    return { kind: "name", name: value };
  }
  const node = tree as { license?: string; plus?: boolean; exception?: string };
  if (typeof node.license === "string" && !node.plus && !node.exception && !node.license.startsWith("LicenseRef-")) {
    return { kind: "id", id: node.license };
  }
  return { kind: "expression", expression: text };
}
