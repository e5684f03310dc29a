import type { DependencyGraph, Ecosystem } from "@tollgate/inventory";
import { ECOSYSTEMS } from "@tollgate/inventory";
import type { SbomFormat } from "./read-sbom.js";

/** Counts of the dependencies (project roots and workspaces not counted) of one ecosystem. */
export interface EcosystemCount {
  ecosystem: Ecosystem;
  components: number;
  direct: number;
  development: number;
}

/** Dependency counts per ecosystem, in ECOSYSTEMS order, leaving out ecosystems with none. */
export function countByEcosystem(graph: DependencyGraph): EcosystemCount[] {
  return ECOSYSTEMS.map((ecosystem) => {
    const deps = graph.components.filter((c) => c.ecosystem === ecosystem && c.role === "dependency");
    return {
      ecosystem,
      components: deps.length,
      direct: deps.filter((c) => c.direct).length,
      development: deps.filter((c) => c.scope === "development").length,
    };
  }).filter((row) => row.components > 0);
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

/**
 * The job summary of an SBOM run in GitHub-flavoured Markdown: the files written,
 * components per ecosystem, and every direct dependency (name, version, ecosystem, scope).
 */
export function renderSbomSummary(graph: DependencyGraph, files: Partial<Record<SbomFormat, string>>): string {
  const deps = graph.components.filter((c) => c.role === "dependency");
  const lines = [`## SBOM of ${cell(graph.root.name)}`, ""];
  lines.push(`${deps.length} components from ${graph.lockfiles.length} lockfile(s).`, "");
  for (const [format, file] of Object.entries(files)) lines.push(`- ${format}: \`${file}\``);
  lines.push("", "| ecosystem | components | direct | development |", "| --- | ---: | ---: | ---: |");
  for (const row of countByEcosystem(graph)) {
    lines.push(`| ${row.ecosystem} | ${row.components} | ${row.direct} | ${row.development} |`);
  }
  const direct = deps.filter((c) => c.direct);
  lines.push("", `### Direct dependencies (${direct.length})`, "", "| name | version | ecosystem | scope |");
  lines.push("| --- | --- | --- | --- |");
  for (const c of direct) lines.push(`| ${cell(c.name)} | ${cell(c.version)} | ${c.ecosystem} | ${c.scope} |`);
  return `${lines.join("\n")}\n`;
}
