import { AttestError } from "./attest-error.js";
import { SLSA_PROVENANCE_V1, type SlsaProvenancePredicate } from "./provenance.js";
import { IN_TOTO_STATEMENT_V1, type Statement } from "./statement.js";

/** What the provenance must say, beyond the subject digest. */
export interface ProvenancePolicy {
  /** Exact builder.id, e.g. https://github.com/acme/widgets/.github/workflows/release.yml@refs/tags/v1.2.3. */
  builderId?: string;
  /** owner/name the workflow ran in. */
  repository?: string;
  serverUrl?: string;
}

/** Parses a verified in-toto payload and checks subject digest, then builder id and source repository. */
export function checkProvenance(
  payload: Buffer,
  artifact: { name: string; sha256: string },
  policy: ProvenancePolicy,
  file: string,
): Statement {
  let statement: Statement;
  try {
    statement = JSON.parse(payload.toString("utf8")) as Statement;
  } catch (cause) {
    throw new AttestError("VERIFY_PREDICATE", `the payload of ${file} is not JSON`, {
      location: { file },
      cause,
      hint: "The attestation is malformed; do not use it.",
    });
  }
  if (statement._type !== IN_TOTO_STATEMENT_V1 || !Array.isArray(statement.subject)) {
    throw new AttestError("VERIFY_PREDICATE", `the payload of ${file} is not an in-toto Statement v1`, {
      location: { file },
      hint: "The attestation is malformed; do not use it.",
    });
  }
  if (!statement.subject.some((s) => s.digest?.sha256 === artifact.sha256)) {
    throw new AttestError(
      "VERIFY_SUBJECT_DIGEST",
      `subject digest check failed: no subject of ${file} has sha256 ${artifact.sha256} (${artifact.name}); subjects: ${statement.subject
        .slice(0, 5)
        .map((s) => `${s.name}=${s.digest?.sha256}`)
        .join(", ")}`,
      {
        location: { file },
        hint: "The attestation is about other bytes: the artifact was modified or the wrong attestation was given.",
      },
    );
  }
  if (policy.builderId === undefined && policy.repository === undefined) return statement;
  if (statement.predicateType !== SLSA_PROVENANCE_V1) {
    throw new AttestError(
      "VERIFY_PREDICATE",
      `${file} is a ${statement.predicateType} attestation, not SLSA provenance v1`,
      {
        location: { file },
        hint: "Builder and repository checks need the provenance attestation.",
      },
    );
  }
  const predicate = statement.predicate as SlsaProvenancePredicate;
  const builder = predicate.runDetails?.builder?.id;
  if (policy.builderId !== undefined && builder !== policy.builderId) {
    throw new AttestError(
      "VERIFY_BUILDER",
      `builder check failed: provenance builder.id is ${JSON.stringify(builder ?? "")}, expected ${JSON.stringify(policy.builderId)}`,
      {
        location: { file },
        hint: "The artifact was built by another workflow; check --builder-id.",
      },
    );
  }
  if (policy.repository !== undefined) {
    const expected = `${(policy.serverUrl ?? "https://github.com").replace(/\/$/, "")}/${policy.repository}`;
    const actual = predicate.buildDefinition?.externalParameters?.workflow?.repository;
    if (actual !== expected) {
      throw new AttestError(
        "VERIFY_SOURCE_REPOSITORY",
        `source repository check failed: provenance says ${JSON.stringify(actual ?? "")}, expected ${JSON.stringify(expected)}`,
        {
          location: { file },
          hint: "The artifact was built from another repository; check --repository.",
        },
      );
    }
  }
  return statement;
}
