import { describe, expect, it } from "vitest";
import { githubClaims } from "../../../test/servers/sigstore-token.js";
import { decodeJwtClaims, githubContextFromClaims } from "./github-context.js";
import { buildSlsaProvenance, provenanceStatement } from "./provenance.js";

const context = githubContextFromClaims(githubClaims());

describe("buildSlsaProvenance", () => {
  it("builds the GitHub workflow predicate from the run's claims", () => {
    expect(buildSlsaProvenance(context)).toEqual({
      buildDefinition: {
        buildType: "https://actions.github.io/buildtypes/workflow/v1",
        externalParameters: {
          workflow: {
            ref: "refs/tags/v1.2.3",
            repository: "https://github.com/acme/widgets",
            path: ".github/workflows/release.yml",
          },
        },
        internalParameters: {
          github: {
            event_name: "push",
            repository_id: "123456",
            repository_owner_id: "7890",
            runner_environment: "github-hosted",
          },
        },
        resolvedDependencies: [
          {
            uri: "git+https://github.com/acme/widgets@refs/tags/v1.2.3",
            digest: { gitCommit: "4f2c1e0d9b8a7f6e5d4c3b2a19081726354f6e7d" },
          },
        ],
      },
      runDetails: {
        builder: { id: "https://github.com/acme/widgets/.github/workflows/release.yml@refs/tags/v1.2.3" },
        metadata: { invocationId: "https://github.com/acme/widgets/actions/runs/1000001/attempts/1" },
      },
    });
  });

  it("takes builder.id from the job workflow of a reusable workflow, the path from the caller", () => {
    const reusable = githubContextFromClaims(
      githubClaims({ job_workflow_ref: "acme/shared/.github/workflows/build.yml@refs/heads/main" }),
    );
    const predicate = buildSlsaProvenance(reusable);
    expect(predicate.runDetails.builder.id).toBe(
      "https://github.com/acme/shared/.github/workflows/build.yml@refs/heads/main",
    );
    expect(predicate.buildDefinition.externalParameters.workflow.path).toBe(".github/workflows/release.yml");
  });

  it("uses the server URL of GitHub Enterprise Server", () => {
    const ghes = githubContextFromClaims(githubClaims(), "https://ghe.example/");
    expect(buildSlsaProvenance(ghes).runDetails.metadata.invocationId).toBe(
      "https://ghe.example/acme/widgets/actions/runs/1000001/attempts/1",
    );
  });

  it("lists the artifacts as subjects of the statement, sorted by name", () => {
    const statement = provenanceStatement(
      [
        { name: "b.tgz", path: "/x/b.tgz", sha256: "bb" },
        { name: "a.tgz", path: "/x/a.tgz", sha256: "aa" },
      ],
      context,
    );
    expect(statement.subject).toEqual([
      { name: "a.tgz", digest: { sha256: "aa" } },
      { name: "b.tgz", digest: { sha256: "bb" } },
    ]);
    expect(statement._type).toBe("https://in-toto.io/Statement/v1");
  });
});

describe("githubContextFromClaims", () => {
  it("names the claim that is missing", () => {
    const { run_attempt: _, ...claims } = githubClaims();
    expect(() => githubContextFromClaims(claims)).toThrow('the OIDC token has no "run_attempt" claim');
  });

  it("decodes the claims of a JWT", () => {
    const token = `e30.${Buffer.from('{"repository":"acme/widgets"}').toString("base64url")}.`;
    expect(decodeJwtClaims(token)).toEqual({ repository: "acme/widgets" });
  });

  it("refuses a token that is not a JWT", () => {
    expect(() => decodeJwtClaims("not-a-token")).toThrow("the OIDC token is not a JWT with a JSON payload");
  });
});
