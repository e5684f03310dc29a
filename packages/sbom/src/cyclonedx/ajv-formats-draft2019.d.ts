// The package ships no types; declared under its file path so it cannot clash with another package's declaration.
declare module "ajv-formats-draft2019/index.js" {
  import type { Ajv } from "ajv";

  /** Adds the draft 2019-09 formats (idn-email, iri, …) to an Ajv instance. */
  function addFormats(ajv: Ajv, options?: { formats?: string[] }): Ajv;
  export default addFormats;
}
