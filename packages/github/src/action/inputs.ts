import * as core from "@actions/core";

/** A multi-line or comma-separated input as a list of trimmed, non-empty values. */
export function getListInput(name: string): string[] {
  return core
    .getInput(name)
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
