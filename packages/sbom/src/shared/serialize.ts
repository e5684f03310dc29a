/** The bytes of an SBOM file: two-space indented JSON with a final newline. */
export function serializeSbom(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
