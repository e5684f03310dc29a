import { InventoryError } from "../../errors.js";
import type { Location } from "../../model.js";

/**
 * LOCKFILE_INVALID for a locked package that requires a dependency its lockfile does not lock. Such a
 * lockfile is incomplete (truncated, hand-edited, or written by a failed install): the package manager
 * would not install from it what it says, and an SBOM of it would silently miss the dependency and
 * everything below it. Optional and peer dependencies may legitimately be absent and never come here.
 */
export function unresolvedDependency(
  location: Location,
  from: string,
  dependency: string,
  hint: string,
): InventoryError {
  return new InventoryError(
    "LOCKFILE_INVALID",
    `${location.file}: ${from} depends on ${dependency}, which the lockfile does not lock`,
    { location, hint: `the lockfile is incomplete or out of date: ${hint}` },
  );
}
