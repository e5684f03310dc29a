import type { DependencyGraph } from "@tollgate/inventory";
import { writeSboms } from "@tollgate/sbom";
import type { GateResult } from "../gate-result.js";

export interface SbomStageOptions {
  /** The project directory (lockfiles) or an SBOM file. */
  path: string;
  outputDir: string;
  toolVersion: string;
  env?: NodeJS.ProcessEnv;
}

export interface SbomStageOutput {
  result: GateResult;
  graph: DependencyGraph;
  /** Absolute paths of the SBOMs written (CycloneDX first). */
  files: string[];
}

/** Reads the dependency graph and writes schema-validated CycloneDX and SPDX SBOMs into the evidence directory. */
export async function sbomStage(options: SbomStageOptions): Promise<SbomStageOutput> {
  const written = await writeSboms(options.path, {
    outputDir: options.outputDir,
    toolVersion: options.toolVersion,
    validate: true,
    // A project that depends on nothing passes this stage with 0 components; no lockfile at all still fails.
    allowNoDependencies: true,
    ...(options.env ? { env: options.env } : {}),
  });
  const graph = written.graph;
  const dependencies = graph.components.filter((c) => c.role === "dependency");
  const files = [written.files["cyclonedx-json"], written.files["spdx-json"]].filter((f): f is string => Boolean(f));
  return {
    graph,
    files,
    result: {
      name: "sbom",
      title: "SBOM",
      verdict: "pass",
      counts: { components: dependencies.length, lockfiles: graph.lockfiles.length, warnings: graph.warnings.length },
      findings: graph.warnings.map((w) =>
        w.location ? `${w.location.file}${w.location.line ? `:${w.location.line}` : ""}: ${w.message}` : w.message,
      ),
    },
  };
}
