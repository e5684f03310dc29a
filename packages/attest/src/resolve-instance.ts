import { compileAllowList, DEFAULT_ALLOWED_HOSTS } from "@tollgate/net";
import { AttestError } from "./attest-error.js";
import { assertInstanceAllowed, type InstanceChoice, type SigstoreInstance, selectInstance } from "./instance.js";

/** Instance settings as the CLI flags and action inputs give them. */
export interface InstanceSettings {
  instance?: string;
  fulcioUrl?: string;
  rekorUrl?: string;
  rekorVersion?: string;
  tsaUrl?: string;
  /** Hosts allowed besides @tollgate/net's defaults (the policy's network.allow). */
  allowHosts?: readonly string[];
}

const CHOICES: readonly InstanceChoice[] = ["auto", "public-good", "github", "custom"];

/** Selects the instance for `visibility` and checks every service host against the egress allow-list. */
export function resolveInstance(settings: InstanceSettings, visibility: string): SigstoreInstance {
  const choice = (settings.instance ?? "auto") as InstanceChoice;
  if (!CHOICES.includes(choice)) {
    throw new AttestError("ATTEST_BAD_INSTANCE", `unknown sigstore instance ${JSON.stringify(settings.instance)}`, {
      hint: `Use one of ${CHOICES.join(", ")}.`,
    });
  }
  if (settings.rekorVersion !== undefined && settings.rekorVersion !== "1" && settings.rekorVersion !== "2") {
    throw new AttestError(
      "ATTEST_BAD_INSTANCE",
      `rekor version must be 1 or 2, not ${JSON.stringify(settings.rekorVersion)}`,
      {
        hint: "Use 2 only for a Rekor v2 (tile-based) log.",
      },
    );
  }
  const custom =
    settings.fulcioUrl === undefined
      ? undefined
      : {
          fulcioUrl: settings.fulcioUrl,
          ...(settings.rekorUrl
            ? { rekorUrl: settings.rekorUrl, rekorVersion: settings.rekorVersion === "2" ? (2 as const) : (1 as const) }
            : {}),
          ...(settings.tsaUrl ? { tsaUrl: settings.tsaUrl } : {}),
        };
  const instance = selectInstance({ choice, visibility, ...(custom ? { custom } : {}) });
  const allowList = compileAllowList([...DEFAULT_ALLOWED_HOSTS, ...(settings.allowHosts ?? [])]);
  assertInstanceAllowed(instance, (host) => allowList.matches(host));
  return instance;
}
