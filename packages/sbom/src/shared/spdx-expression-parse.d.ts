// The package ships no types; declared under its file path so it cannot clash with another package's declaration.
declare module "spdx-expression-parse/index.js" {
  /** Parses an SPDX license expression; throws on anything invalid. */
  function parse(expression: string): unknown;
  export default parse;
}
