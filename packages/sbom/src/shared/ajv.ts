import type { Ajv, Options } from "ajv";

/** What the validators need of ajv and its format plugins, loaded on first use. */
export interface AjvKit {
  createAjv: (options: Options) => Ajv;
  addFormats: (ajv: Ajv) => void;
  addIdnEmail: (ajv: Ajv) => void;
}

let kit: Promise<AjvKit> | undefined;

/**
 * Loads ajv, ajv-formats and ajv-formats-draft2019 lazily (writing an SBOM needs none of them).
 * These are CommonJS packages: Node and the actions' bundler expose their exports differently
 * under import(), so each is taken from wherever it is.
 */
export function loadAjv(): Promise<AjvKit> {
  kit ??= Promise.all([import("ajv"), import("ajv-formats"), import("ajv-formats-draft2019/index.js")]).then(
    ([ajvModule, formatsModule, draft2019Module]) => {
      const anyAjv = ajvModule as unknown as { Ajv?: typeof Ajv; default?: { Ajv?: typeof Ajv } & typeof Ajv };
      const AjvClass = (anyAjv.Ajv ?? anyAjv.default?.Ajv ?? anyAjv.default) as typeof Ajv;
      const formats = formatsModule as unknown as { default: ((ajv: Ajv) => void) & { default?: (ajv: Ajv) => void } };
      const addFormats = formats.default.default ?? formats.default;
      const draft2019 = draft2019Module as unknown as {
        default: ((ajv: Ajv, o: { formats: string[] }) => void) & {
          default?: (ajv: Ajv, o: { formats: string[] }) => void;
        };
      };
      const addDraft2019 = draft2019.default.default ?? draft2019.default;
      return {
        createAjv: (options) => new AjvClass(options),
        addFormats: (ajv) => addFormats(ajv),
        addIdnEmail: (ajv) => addDraft2019(ajv, { formats: ["idn-email"] }),
      };
    },
  );
  return kit;
}
