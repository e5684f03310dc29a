import { isTollgateError, type SourceLocation } from "./tollgate-error.js";

/** Renders a location as `file:line:column`, leaving out what is unknown. */
export function formatLocation(location: SourceLocation): string {
  let text = location.file;
  if (location.line !== undefined) {
    text += `:${location.line}`;
    if (location.column !== undefined) text += `:${location.column}`;
  }
  return text;
}

/**
 * Renders an error for people: `file:line:col: message [code]` then the hint.
 * Unexpected errors (bugs) keep their stack so they can be reported.
 */
export function formatError(error: unknown): string {
  if (isTollgateError(error)) {
    const where = error.location ? `${formatLocation(error.location)}: ` : "";
    // Messages name their file so that they stand alone (JSON reports, annotations); after the
    // location that name would be said twice (`yarn.lock:3: yarn.lock: …`).
    const own = error.location ? `${error.location.file}: ` : undefined;
    const message = own && error.message.startsWith(own) ? error.message.slice(own.length) : error.message;
    const lines = [`${where}${message} [${error.code}]`];
    if (error.hint) lines.push(`  hint: ${error.hint}`);
    return lines.join("\n");
  }
  if (error instanceof Error) return `internal error: ${error.stack ?? error.message}`;
  return `internal error: ${String(error)}`;
}
