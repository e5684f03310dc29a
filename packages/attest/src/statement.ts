import type { ArtifactDigest } from "./digest.js";

export const IN_TOTO_STATEMENT_V1 = "https://in-toto.io/Statement/v1";
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";
/** GitHub and in-toto tooling handle at most this many subjects per statement. */
export const MAX_SUBJECTS = 1024;

export interface ResourceDescriptor {
  name?: string;
  uri?: string;
  digest: Record<string, string>;
}

/** An in-toto Statement v1. */
export interface Statement<P = unknown> {
  _type: typeof IN_TOTO_STATEMENT_V1;
  subject: ResourceDescriptor[];
  predicateType: string;
  predicate: P;
}

/** Builds one Statement v1 over `subjects` (sorted by name). */
export function buildStatement<P>(
  subjects: readonly ArtifactDigest[],
  predicateType: string,
  predicate: P,
): Statement<P> {
  const subject = [...subjects]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((s) => ({ name: s.name, digest: { sha256: s.sha256 } }));
  return { _type: IN_TOTO_STATEMENT_V1, subject, predicateType, predicate };
}

/** Splits subjects into chunks of at most `size` (default 1024), preserving order. */
export function chunkSubjects<T>(subjects: readonly T[], size = MAX_SUBJECTS): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < subjects.length; i += size) chunks.push(subjects.slice(i, i + size));
  return chunks;
}
