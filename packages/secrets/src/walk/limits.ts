/** Explicit bounds of one scan; hitting one yields an `unscanned` record, never a silent skip. */
export interface ScanLimits {
  /** Archive nesting levels opened (a top-level archive is level 1). */
  maxDepth: number;
  /** Uncompressed bytes scanned in total. */
  maxTotalBytes: number;
  /** Uncompressed bytes of one file or archive member. */
  maxFileBytes: number;
  /** Members of one archive. */
  maxMembers: number;
  /** Uncompressed / compressed size of a member or stream (zip bombs). */
  maxRatio: number;
}

/** The limits used when the policy sets none. */
export const defaultLimits: ScanLimits = {
  maxDepth: 5,
  maxTotalBytes: 16 * 1024 ** 3,
  maxFileBytes: 512 * 1024 ** 2,
  maxMembers: 100_000,
  maxRatio: 200,
};

/** Why something was not (fully) scanned. */
export type UnscannedReason =
  | "max-depth"
  | "max-total-bytes"
  | "max-file-bytes"
  | "max-members"
  | "max-ratio"
  | "corrupt"
  | "encrypted"
  | "unreadable"
  | "symlink"
  | "unsafe-path";

/** Something the scan could not look at, and why. */
export interface Unscanned {
  file: string;
  reason: UnscannedReason;
  detail: string;
}
