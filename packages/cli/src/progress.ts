import type { GateResult } from "@tollgate/gate";
import type { CliIO } from "./io.js";

const ICON: Record<GateResult["verdict"], string> = {
  pass: "ok",
  fail: "FAIL",
  warn: "warn",
  skipped: "skipped",
  error: "ERROR",
};

/**
 * Progress of a gate run on stderr: a redrawn bar on a terminal, one line per stage
 * otherwise (CI logs), so logs stay readable and terminals stay quiet.
 */
export function stageProgress(io: CliIO, total: number) {
  let done = 0;
  return (event: { stage: { title: string }; phase: "start" | "end"; result?: GateResult }) => {
    if (event.phase === "start") {
      if (io.isTTY) {
        const width = 20;
        const filled = Math.round((done / total) * width);
        io.stderr(
          `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${event.stage.title}…\x1b[K`,
        );
      }
      return;
    }
    done++;
    const verdict = event.result ? ICON[event.result.verdict] : "";
    io.stderr(`${io.isTTY ? "\r\x1b[K" : ""}${event.stage.title}: ${verdict}\n`);
  };
}
