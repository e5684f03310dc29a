import { readFile } from "node:fs/promises";
import { AttestError } from "./attest-error.js";

/** Reads a `.sigstore.json` bundle (compact or pretty-printed) or the one-bundle-per-line `.intoto.jsonl`. */
export async function readBundleFile(path: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (cause) {
    throw new AttestError("ATTEST_BAD_BUNDLE", `cannot read ${path}: ${(cause as Error).message}`, {
      location: { file: path },
      cause,
      hint: "Check the bundle path.",
    });
  }
  try {
    return [JSON.parse(text) as unknown];
  } catch {
    // Not one JSON document: JSON Lines.
  }
  const lines = text.split("\n");
  const bundles: unknown[] = [];
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    try {
      bundles.push(JSON.parse(line) as unknown);
    } catch {
      throw new AttestError("ATTEST_BAD_BUNDLE", `${path}:${index + 1} is not JSON`, {
        location: { file: path, line: index + 1 },
        hint: "Pass a .sigstore.json bundle or a .intoto.jsonl file of bundles.",
      });
    }
  }
  return bundles;
}
