import type { CommandModule } from "../command.js";
import { attestCommand } from "./attest.js";
import { auditCommand } from "./audit.js";
import { dbCommand } from "./db.js";
import { gateCommand } from "./gate.js";
import { initCommand } from "./init.js";
import { policyCommand } from "./policy.js";
import { reviewCommand } from "./review.js";
import { sbomCommand } from "./sbom.js";
import { scanCommand } from "./scan.js";
import { signCommand } from "./sign.js";
import { verifyCommand } from "./verify.js";

/** Every `tollgate` command, in the order `--help` lists them. Add one line per command. */
export const commands: CommandModule[] = [
  initCommand,
  gateCommand,
  sbomCommand,
  auditCommand,
  dbCommand,
  policyCommand,
  reviewCommand,
  scanCommand,
  signCommand,
  attestCommand,
  verifyCommand,
];
