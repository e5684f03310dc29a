/** True when `text` is a non-empty run of ASCII digits. */
export function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Compares two digit strings numerically, at any length (no BigInt allocation). */
export function compareDigits(a: string, b: string): number {
  const x = a.length > 1 && a.charCodeAt(0) === 48 ? stripZeros(a) : a;
  const y = b.length > 1 && b.charCodeAt(0) === 48 ? stripZeros(b) : b;
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Removes leading zeros, keeping at least one digit. */
export function stripZeros(digits: string): string {
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return digits.slice(i);
}

/** Compares strings by UTF-16 code units, as Go's strings.Compare and Java's compareTo do for ASCII. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Reduces any comparison result to -1, 0 or 1. */
export function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}
