import type { Ajv, Options } from "ajv";

/** What the validators need of ajv and its format plugins, loaded on first use. */
export interface AjvKit {
  createAjv: (options: Options) => Ajv;
  addFormats: (ajv: Ajv) => void;
  addIdnEmail: (ajv: Ajv) => void;
}

let kit: Promise<AjvKit> | undefined;

/**
 * Loads ajv, ajv-formats and the draft 2019-09 `idn-email` format lazily (writing an SBOM needs none
 * of them). Only that one format module of ajv-formats-draft2019 is loaded: its index also loads the
 * `iri` formats, whose uri-js requires Node's deprecated `punycode` and prints DEP0040 on every run.
 * These are CommonJS packages: Node and the actions' bundler expose their exports differently
 * under import(), so each is taken from wherever it is.
 */
export function loadAjv(): Promise<AjvKit> {
  kit ??= Promise.all([
    import("ajv"),
    import("ajv-formats"),
    import("ajv-formats-draft2019/formats/idn-email.js"),
  ]).then(([ajvModule, formatsModule, idnEmailModule]) => {
    const anyAjv = ajvModule as unknown as { Ajv?: typeof Ajv; default?: { Ajv?: typeof Ajv } & typeof Ajv };
    const AjvClass = (anyAjv.Ajv ?? anyAjv.default?.Ajv ?? anyAjv.default) as typeof Ajv;
    const formats = formatsModule as unknown as { default: ((ajv: Ajv) => void) & { default?: (ajv: Ajv) => void } };
    const addFormats = formats.default.default ?? formats.default;
    const idnEmail = idnEmailModule as unknown as {
      default: ((value: string) => boolean) & { default?: (value: string) => boolean };
    };
    const isIdnEmail = idnEmail.default.default ?? idnEmail.default;
    return {
      createAjv: (options) => new AjvClass(options),
      addFormats: (ajv) => addFormats(ajv),
      addIdnEmail: (ajv) => {
        ajv.addFormat("idn-email", isIdnEmail);
      },
    };
  });
  return kit;
}
