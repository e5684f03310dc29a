import parseSpdx, { type SpdxNode } from "spdx-expression-parse";

/** One license term of an expression: an id, whether "or later" applies, and an optional exception. */
export interface LicenseTerm {
  id: string;
  orLater: boolean;
  exception?: string;
}

/** A parsed expression with its terms normalised. */
export type LicenseTree = { term: LicenseTerm } | { op: "and" | "or"; left: LicenseTree; right: LicenseTree };

const GNU = /^(AGPL|GPL|LGPL|GFDL)-(\d\.\d)$/;
const GNU_ONLY_OR_LATER = /^(AGPL|GPL|LGPL|GFDL)-(\d\.\d)-(only|or-later)$/;
// Deprecated ids that fold an exception into the id: map them to `<id> WITH <exception>` as SPDX says.
const WITH_EXCEPTION: Record<string, [string, string]> = {
  "GPL-2.0-with-GCC-exception": ["GPL-2.0-only", "GCC-exception-2.0"],
  "GPL-2.0-with-autoconf-exception": ["GPL-2.0-only", "Autoconf-exception-2.0"],
  "GPL-2.0-with-bison-exception": ["GPL-2.0-only", "Bison-exception-2.2"],
  "GPL-2.0-with-classpath-exception": ["GPL-2.0-only", "Classpath-exception-2.0"],
  "GPL-2.0-with-font-exception": ["GPL-2.0-only", "Font-exception-2.0"],
  "GPL-3.0-with-GCC-exception": ["GPL-3.0-only", "GCC-exception-3.1"],
  "GPL-3.0-with-autoconf-exception": ["GPL-3.0-only", "Autoconf-exception-3.0"],
};

/**
 * Normalises one term. GNU ids are read strictly: deprecated `GPL-2.0` is `GPL-2.0-only`
 * (never "or later"); `GPL-2.0+` and `GPL-2.0-only+` are `GPL-2.0-or-later`.
 */
export function normalizeTerm(id: string, plus: boolean, exception?: string): LicenseTerm {
  const folded = WITH_EXCEPTION[id];
  if (folded && exception === undefined) return { id: folded[0], orLater: false, exception: folded[1] };
  const gnu = GNU.exec(id) ?? GNU_ONLY_OR_LATER.exec(id);
  if (gnu) {
    const orLater = plus || gnu[3] === "or-later";
    const term: LicenseTerm = { id: `${gnu[1]}-${gnu[2]}-only`, orLater };
    if (exception !== undefined) term.exception = exception;
    return term;
  }
  const term: LicenseTerm = { id, orLater: plus };
  if (exception !== undefined) term.exception = exception;
  return term;
}

/** The canonical text of a term, e.g. `GPL-2.0-or-later WITH Classpath-exception-2.0`, `MPL-1.1+`. */
export function termText(term: LicenseTerm): string {
  let id = term.id;
  if (term.orLater) id = id.endsWith("-only") ? `${id.slice(0, -"-only".length)}-or-later` : `${id}+`;
  return term.exception === undefined ? id : `${id} WITH ${term.exception}`;
}

function convert(node: SpdxNode): LicenseTree {
  if ("conjunction" in node) return { op: node.conjunction, left: convert(node.left), right: convert(node.right) };
  return { term: normalizeTerm(node.license, node.plus === true, node.exception) };
}

/** Parses an SPDX expression into a normalised tree, or undefined when it is not SPDX. */
export function parseLicense(expression: string): LicenseTree | undefined {
  try {
    return convert(parseSpdx(expression));
  } catch {
    return undefined;
  }
}

/** Every term of a tree, left to right. */
export function termsOf(tree: LicenseTree): LicenseTerm[] {
  return "term" in tree ? [tree.term] : [...termsOf(tree.left), ...termsOf(tree.right)];
}
