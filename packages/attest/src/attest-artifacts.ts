import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { SerializedBundle } from "@sigstore/bundle";
import type { ArtifactDigest } from "./digest.js";
import { mapLimit } from "./map-limit.js";
import type { SigningSession } from "./signing-session.js";
import { buildStatement, chunkSubjects, MAX_SUBJECTS, type Statement } from "./statement.js";

/** One predicate to attest over all artifacts, written as `<name>.intoto.jsonl`. */
export interface PredicateInput {
  name: string;
  predicateType: string;
  predicate: unknown;
}

export interface AttestationFile {
  name: string;
  path: string;
  predicateType: string;
  /** One bundle per chunk of at most 1024 subjects. */
  bundles: SerializedBundle[];
}

/**
 * Signs one statement per predicate listing every artifact as a subject (chunked past 1024), so N artifacts
 * cost one log entry per predicate and chunk; writes each as JSON Lines of bundles.
 */
export async function attestArtifacts(options: {
  subjects: readonly ArtifactDigest[];
  predicates: readonly PredicateInput[];
  session: SigningSession;
  outDir: string;
  chunkSize?: number;
}): Promise<AttestationFile[]> {
  const files: AttestationFile[] = [];
  for (const input of [...options.predicates].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const statements: Statement[] = chunkSubjects(
      [...options.subjects].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      options.chunkSize ?? MAX_SUBJECTS,
    ).map((chunk) => buildStatement(chunk, input.predicateType, input.predicate));
    const bundles = await mapLimit(statements, 4, (statement) => options.session.signStatement(statement));
    const path = join(options.outDir, `${input.name}.intoto.jsonl`);
    await writeFile(path, bundles.map((b) => `${JSON.stringify(b)}\n`).join(""));
    files.push({ name: input.name, path, predicateType: input.predicateType, bundles });
  }
  return files;
}
