/** A 1-based line and column in a text. */
export interface TextPoint {
  line: number;
  column: number;
}

/** The line and column of a character offset, counted in one pass up to it. */
export function pointAt(text: string, offset: number): TextPoint {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** The 1-based numbers of the lines matching `pattern`, in order, found in one pass. */
export function linesMatching(text: string, pattern: RegExp): number[] {
  const found: number[] = [];
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    if (pattern.test(text.slice(start, end))) found.push(line);
    line++;
    start = end + 1;
  }
  return found;
}
