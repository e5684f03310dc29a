// Work sharing without a coordinator: every thread holds the same list of files (in the same
// order) and takes the next one from a cursor in shared memory, so a thread never waits for
// another to hand it work.

/** A cursor over a file list that threads share: the index of the next file nobody has taken. */
export function sharedCursor(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(4));
}

/**
 * Takes the next index below `known` (how many files this thread knows of) from the cursor, for
 * this thread alone; -1 when every known file is taken.
 */
export function claimIndex(cursor: Int32Array, known: number): number {
  for (;;) {
    const next = Atomics.load(cursor, 0);
    if (next >= known) return -1;
    if (Atomics.compareExchange(cursor, 0, next, next + 1) === next) return next;
  }
}

/** Takes the next file of `tasks` from the cursor; undefined when every file is taken. */
export function claimFrom<T>(cursor: Int32Array, tasks: readonly T[]): T | undefined {
  const index = claimIndex(cursor, tasks.length);
  return index < 0 ? undefined : tasks[index];
}
