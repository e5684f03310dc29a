/** Secrets shorter than this are masked entirely: showing 6 of them would give too much away. */
const MIN_PARTIAL = 12;

/** Redacts a secret as its first 3 and last 3 characters around `***` (`ghp***x9Z`); short secrets become `***`. */
export function redact(secret: string): string {
  const flat = secret.replace(/\s+/g, " ");
  if (flat.length < MIN_PARTIAL) return "***";
  return `${flat.slice(0, 3)}***${flat.slice(-3)}`;
}
