// Type declarations for the SPDX packages, which ship none.
declare module "spdx-expression-parse" {
  export interface SpdxLicenseNode {
    license: string;
    plus?: true;
    exception?: string;
  }
  export interface SpdxConjunctionNode {
    left: SpdxNode;
    conjunction: "and" | "or";
    right: SpdxNode;
  }
  export type SpdxNode = SpdxLicenseNode | SpdxConjunctionNode;
  /** Parses an SPDX expression; throws on anything invalid. */
  function parse(expression: string): SpdxNode;
  export default parse;
}
