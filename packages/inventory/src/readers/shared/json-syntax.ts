/** Where a JSON text stops being valid and what the parser expected there. */
export interface JsonSyntaxError {
  offset: number;
  expected: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = '"\\/bfnrt';
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * Finds the first syntax error of a JSON text, or undefined when it is valid. V8's own
 * messages leave out the position for some errors, so this small checker (iterative, so
 * deep nesting cannot overflow the stack) names the place and the expectation itself.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const n = text.length;
  const stack: number[] = [];
  let i = 0;
  let state: "value" | "key" | "after" = "value";
  const skipSpace = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++i));
  };
  const string = (): string | undefined => {
    for (i++; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return undefined;
      }
      if (c < 0x20) return "a control character to be escaped inside a string";
      if (c === 92) {
        const next = text[i + 1] ?? "";
        if (next === "u" && HEX4.test(text.slice(i + 2, i + 6))) i += 5;
        else if (next !== "u" && ESCAPES.includes(next) && next !== "") i++;
        else return "a valid escape sequence";
      }
    }
    return "a closing '\"' of the string";
  };
  for (;;) {
    skipSpace();
    if (state === "key") {
      if (text[i] !== '"') return { offset: i, expected: "a property name in double quotes" };
      const bad = string();
      if (bad) return { offset: i, expected: bad };
      skipSpace();
      if (text[i] !== ":") return { offset: i, expected: "':' after the property name" };
      i++;
      state = "value";
    } else if (state === "value") {
      const c = text[i];
      if (c === "{" || c === "[") {
        i++;
        skipSpace();
        if (text[i] === (c === "{" ? "}" : "]")) {
          i++;
          state = "after";
        } else {
          stack.push(c === "{" ? 123 : 91);
          state = c === "{" ? "key" : "value";
        }
        continue;
      }
      if (c === '"') {
        const bad = string();
        if (bad) return { offset: i, expected: bad };
      } else if (text.startsWith("true", i) || text.startsWith("null", i)) i += 4;
      else if (text.startsWith("false", i)) i += 5;
      else {
        NUMBER.lastIndex = i;
        if (c === undefined || !NUMBER.test(text)) return { offset: i, expected: "a value" };
        i = NUMBER.lastIndex;
      }
      state = "after";
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? { offset: i, expected: "the end of the input" } : undefined;
      const close = top === 123 ? "}" : "]";
      if (text[i] === ",") {
        i++;
        state = top === 123 ? "key" : "value";
      } else if (text[i] === close) {
        i++;
        stack.pop();
      } else {
        const what = top === 123 ? "a property value" : "an array element";
        return { offset: i, expected: `',' or '${close}' after ${what}` };
      }
    }
  }
}
