import type { ArtifactDigest } from "./digest.js";
import type { GitHubBuildContext } from "./github-context.js";
import { buildStatement, type ResourceDescriptor, type Statement } from "./statement.js";

export const SLSA_PROVENANCE_V1 = "https://slsa.dev/provenance/v1";
export const GITHUB_WORKFLOW_BUILD_TYPE = "https://actions.github.io/buildtypes/workflow/v1";

/** The SLSA Provenance v1 predicate for a GitHub Actions workflow build. */
export interface SlsaProvenancePredicate {
  buildDefinition: {
    buildType: typeof GITHUB_WORKFLOW_BUILD_TYPE;
    externalParameters: { workflow: { ref: string; repository: string; path: string } };
    internalParameters: {
      github: { event_name: string; repository_id: string; repository_owner_id: string; runner_environment: string };
    };
    resolvedDependencies: ResourceDescriptor[];
  };
  runDetails: { builder: { id: string }; metadata: { invocationId: string } };
}

/** Builds the predicate as GitHub's own build-provenance attestations do, from the run's context. */
export function buildSlsaProvenance(context: GitHubBuildContext): SlsaProvenancePredicate {
  const server = context.serverUrl;
  // workflow_ref is "<owner>/<repo>/<path>@<ref>"; the path is what lies between.
  const withoutRepo = context.workflowRef.startsWith(`${context.repository}/`)
    ? context.workflowRef.slice(context.repository.length + 1)
    : context.workflowRef;
  const at = withoutRepo.lastIndexOf("@");
  const path = at >= 0 ? withoutRepo.slice(0, at) : withoutRepo;
  return {
    buildDefinition: {
      buildType: GITHUB_WORKFLOW_BUILD_TYPE,
      externalParameters: { workflow: { ref: context.ref, repository: `${server}/${context.repository}`, path } },
      internalParameters: {
        github: {
          event_name: context.eventName,
          repository_id: context.repositoryId,
          repository_owner_id: context.repositoryOwnerId,
          runner_environment: context.runnerEnvironment,
        },
      },
      resolvedDependencies: [
        { uri: `git+${server}/${context.repository}@${context.ref}`, digest: { gitCommit: context.sha } },
      ],
    },
    runDetails: {
      builder: { id: `${server}/${context.jobWorkflowRef}` },
      metadata: {
        invocationId: `${server}/${context.repository}/actions/runs/${context.runId}/attempts/${context.runAttempt}`,
      },
    },
  };
}

/** A provenance Statement over the given artifacts. */
export function provenanceStatement(
  subjects: readonly ArtifactDigest[],
  context: GitHubBuildContext,
): Statement<SlsaProvenancePredicate> {
  return buildStatement(subjects, SLSA_PROVENANCE_V1, buildSlsaProvenance(context));
}
