import type { CommandModule } from "../command.js";

/** One `tollgate` command: what `tollgate --help` lists about it, and how to load it. */
export interface CommandEntry {
  name: string;
  /** The command's line in `tollgate --help` (commander's subcommand term). */
  term: string;
  /** The command's description, exactly as its module registers it. */
  description: string;
  load: () => Promise<CommandModule>;
  /**
   * V8 flags the `tollgate` bin sets before loading anything when this command runs
   * (v8.setFlagsFromString; only flags V8 reads as it goes, never heap sizes).
   */
  v8Flags?: string;
  /**
   * Node built-in modules the command uses, loaded before `v8Flags` are set: once a flag changes, V8
   * rejects the code cache Node ships for its own modules, and each one loaded later is compiled
   * from source (~4 ms a module). bundle.test.ts checks that none is loaded after the change.
   */
  builtins?: readonly string[];
}

/**
 * Every `tollgate` command, in the order `--help` lists them, each loaded only when it runs:
 * `tollgate sbom` does not pay for the Sigstore clients, and `tollgate --help` loads none of them
 * (program.test.ts checks that term and description match what each module registers).
 * Add one entry per command.
 */
export const commandLoaders: ReadonlyArray<CommandEntry> = [
  {
    name: "init",
    term: "init [options] [dir]",
    description: "write a commented tollgate.yml and the release and pull-request workflows into a repository",
    load: async () => (await import("./init.js")).initCommand,
  },
  {
    name: "gate",
    term: "gate [options] [path]",
    description:
      "run every gate (SBOM, advisories, dependency policy, secrets) on a release; writes the record and summary",
    load: async () => (await import("./gate.js")).gateCommand,
  },
  {
    name: "sbom",
    term: "sbom [options] [path]",
    description:
      "Write SBOMs of every lockfile under PATH: sbom.cdx.json (CycloneDX 1.6) and sbom.spdx.json (SPDX 2.3) in the output directory (default: the current directory). Development dependencies are included and marked; --omit dev leaves them out.",
    load: async () => (await import("./sbom.js")).sbomCommand,
    // A one-shot run over a lockfile: the optimizing compilers (Maglev, TurboFan) cost more
    // memory (compile zones, code) and time than they win back, and a young generation that
    // does not grow keeps the peak RSS down. Measured in bench/sbom (README: SBOM performance).
    v8Flags: "--no-opt --no-maglev --semi-space-growth-factor=1",
    builtins: ["node:child_process", "node:crypto", "node:fs/promises", "node:process"],
  },
  {
    name: "audit",
    term: "audit [options] [path]",
    description:
      "Match every dependency against OSV advisories and report vulnerabilities with severity, fixed versions and the path from a direct dependency, then check the dependency policy (licenses, bans, sources, duplicates, deprecated/yanked). Exit 1 when an advisory or the policy fails.",
    load: async () => (await import("./audit.js")).auditCommand,
  },
  {
    name: "db",
    term: "db",
    description: "Manage the offline advisory database used by `tollgate audit --offline --db DIR`.",
    load: async () => (await import("./db.js")).dbCommand,
  },
  {
    name: "policy",
    term: "policy [options] [path]",
    description:
      "Check dependencies against the policy (tollgate.yml, or a cargo-deny deny.toml): licenses, bans, sources, duplicate versions, deprecated and yanked packages. Exit 1 when the policy fails.",
    load: async () => (await import("./policy.js")).policyCommand,
  },
  {
    name: "review",
    term: "review [options] [path]",
    description:
      "Review a change: dependencies added, changed and removed since --base (a git ref) or --base-sbom, and the policy failures and vulnerabilities the change introduces. Exit 1 when it introduces a failure.",
    load: async () => (await import("./review.js")).reviewCommand,
  },
  {
    name: "scan",
    term: "scan [options] <paths...>",
    description:
      "Scan files, directories and archives (zip, jar, whl, tar, tgz, gz, bz2, xz, nested) for leaked credentials. Exit 1 when a secret is found or something could not be scanned, 2 on a usage or input error.",
    load: async () => (await import("./scan.js")).scanCommand,
  },
  {
    name: "sign",
    term: "sign [options] <artifacts...>",
    description:
      "Sign each artifact keylessly (Fulcio certificate for the CI's OIDC identity, log entry and/or timestamp) into <artifact>.sigstore.json, and write and sign SHA256SUMS. Needs an OIDC token: `permissions: id-token: write` on GitHub Actions, or SIGSTORE_ID_TOKEN.",
    load: async () => (await import("./sign.js")).signCommand,
  },
  {
    name: "attest",
    term: "attest [options] <artifacts...>",
    description:
      "Attest SLSA Provenance v1 (from the GitHub Actions run's OIDC claims) and each --sbom over all artifacts as subjects: one signed in-toto statement per predicate (per 1024 subjects), written to <out-dir>/<name>.intoto.jsonl.",
    load: async () => (await import("./attest.js")).attestCommand,
  },
  {
    name: "verify",
    term: "verify [options] <artifact>",
    description:
      "Verify an artifact against a Sigstore bundle (or .intoto.jsonl attestations): signature, certificate chain, transparency log and timestamps against the public-good trusted root (TUF) or --trusted-root, then the signer identity, then for provenance the subject digest, builder and repository. Exit 1 names the failed check.",
    load: async () => (await import("./verify.js")).verifyCommand,
  },
];

/** A command listed by name, term and description only: enough for `tollgate --help` and for unknown names. */
function listedOnly(entry: CommandEntry): CommandModule {
  return {
    register(program) {
      program.command(entry.name).description(entry.description);
    },
  };
}

/**
 * The commands to register for `argv`: the one named (also after `help`) fully loaded, or every
 * command listed by its summary only (for `--help`, no command, or an unknown name).
 */
export async function commandsFor(argv: readonly string[]): Promise<CommandModule[]> {
  const only = commandNamed(argv);
  return only ? [await only.load()] : commandLoaders.map(listedOnly);
}

/** The command `argv` runs (or asks `help` about), if it names one. */
export function commandNamed(argv: readonly string[]): CommandEntry | undefined {
  const words = argv.filter((a) => !a.startsWith("-"));
  const named = words[0] === "help" ? words[1] : words[0];
  return commandLoaders.find((entry) => entry.name === named);
}

/** The `--help` line of the command named `name`, as its module would register it. */
export function commandTerm(name: string): string | undefined {
  return commandLoaders.find((entry) => entry.name === name)?.term;
}
