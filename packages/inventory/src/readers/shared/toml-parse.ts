import { InventoryError } from "../../errors.js";

/**
 * Parses a TOML lockfile or manifest; a syntax error becomes LOCKFILE_PARSE naming the
 * line and column where the parser stopped and what it expected. The TOML library is loaded
 * on first use, so that reading other ecosystems' lockfiles does not pay for it.
 */
export async function parseTomlFile(text: string, file: string, hint: string): Promise<Record<string, unknown>> {
  const { parse, TomlError } = await import("smol-toml");
  try {
    return parse(text) as Record<string, unknown>;
  } catch (cause) {
    if (cause instanceof TomlError) {
      const what = cause.message.replace(/^Invalid TOML document: /, "").split("\n")[0] ?? "syntax error";
      throw new InventoryError("LOCKFILE_PARSE", `${file} is not valid TOML: ${what}`, {
        location: { file, line: cause.line, column: cause.column },
        hint,
        cause,
      });
    }
    // smol-toml throws only TomlError for bad input; anything else (e.g. too deep nesting) is still bad input.
    throw new InventoryError("LOCKFILE_PARSE", `${file} is not valid TOML: ${String(cause)}`, {
      location: { file },
      hint,
      cause,
    });
  }
}
