import parseSpdx from "spdx-expression-parse/index.js";

/** How a license string can be written into an SBOM. */
export type LicenseForm =
  | { kind: "id"; id: string } // one SPDX license id
  | { kind: "expression"; expression: string } // a compound SPDX expression
  | { kind: "name"; name: string }; // free text, not SPDX

/** Forms already worked out: a graph repeats a few dozen license strings thousands of times. */
const known = new Map<string, Readonly<LicenseForm>>();
const KNOWN_LIMIT = 4096;

/** Classifies a recorded license as an SPDX id, an SPDX expression, or a free-text name (do not mutate the result). */
export function classifyLicense(value: string): Readonly<LicenseForm> {
  let form = known.get(value);
  if (form === undefined) {
    if (known.size >= KNOWN_LIMIT) known.clear();
    form = Object.freeze(parseLicense(value));
    known.set(value, form);
  }
  return form;
}

function parseLicense(value: string): LicenseForm {
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
