/** Exit codes shared by every gate: 0 pass, 1 a gate failed (findings), 2 usage or input error. */
export const ExitCode = {
  Pass: 0,
  GateFailed: 1,
  Error: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
