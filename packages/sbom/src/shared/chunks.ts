import { createHash } from "node:crypto";
import { uuidV5 } from "./uuid.js";

/**
 * SBOM documents are produced as UTF-8 pieces so that a large graph never needs the whole
 * document as objects, or as one string, at once. Concatenated, the pieces are exactly
 * `JSON.stringify(document, null, 2) + "\n"`.
 */
export type DocumentChunks = Buffer[];

/** Elements per piece: small enough to stream, large enough that per-piece overhead does not matter. */
const ELEMENTS_PER_CHUNK = 256;

/** A placeholder for an array whose elements are streamed (a string JSON.stringify keeps verbatim). */
export function arrayMarker(name: string): string {
  return `\u0000tollgate-array:${name}\u0000`;
}

/** Pretty-prints one element of a top-level array, indented as JSON.stringify(doc, null, 2) would. */
export function elementText(value: unknown): string {
  return `    ${JSON.stringify(value, null, 2).replaceAll("\n", "\n    ")}`;
}

/**
 * Pretty-prints `header` (whose streamed arrays hold arrayMarker placeholders) and splices the
 * arrays in (each as ElementBuffer pieces), giving the UTF-8 pieces of the whole document.
 */
export function spliceArrays(header: Record<string, unknown>, arrays: Record<string, Buffer[]>): DocumentChunks {
  let rest = `${JSON.stringify(header, null, 2)}\n`;
  const chunks: DocumentChunks = [];
  for (const [name, pieces] of Object.entries(arrays)) {
    const placeholder = JSON.stringify(arrayMarker(name));
    const at = rest.indexOf(placeholder);
    if (at < 0) throw new Error(`no placeholder for ${name}`);
    chunks.push(Buffer.from(rest.slice(0, at)));
    if (pieces.length === 0) chunks.push(Buffer.from("[]"));
    else {
      for (const [i, piece] of pieces.entries()) chunks.push(Buffer.from(i === 0 ? "[\n" : ",\n"), piece);
      chunks.push(Buffer.from("\n  ]"));
    }
    rest = rest.slice(at + placeholder.length);
  }
  chunks.push(Buffer.from(rest));
  return chunks;
}

/** Turns element texts into compact UTF-8 pieces as they are made (strings built by pieces keep far more memory). */
export class ElementBuffer {
  private readonly pieces: Buffer[] = [];
  private pending: string[] = [];

  push(text: string): void {
    this.pending.push(text);
    if (this.pending.length === ELEMENTS_PER_CHUNK) this.flush();
  }

  /** The elements so far, as pieces joined by `,\n`. */
  done(): Buffer[] {
    this.flush();
    return this.pieces;
  }

  private flush(): void {
    if (this.pending.length > 0) this.pieces.push(Buffer.from(this.pending.join(",\n")));
    this.pending = [];
  }
}

/** A UUIDv5 of the SHA-256 of the document the chunks make up. */
export function chunksUuid(chunks: DocumentChunks): string {
  const hash = createHash("sha256");
  for (const chunk of chunks) hash.update(chunk);
  return uuidV5(`sha256:${hash.digest("hex")}`);
}
