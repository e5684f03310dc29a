/** The repository that hosts Tollgate's actions and reusable workflow. */
export const TOLLGATE_REPOSITORY = "tollgate-dev/tollgate";

/**
 * A caller of the reusable release workflow: the project's own build job uploads its
 * release files; Tollgate's workflow verifies, signs and publishes them in separate jobs.
 */
export function releaseWorkflow(ref: string): string {
  return `# Release with Tollgate: build, then verify (SBOM, audit, secrets), sign and publish.
# Pin ${TOLLGATE_REPOSITORY} to the commit SHA of the release you use (the tag is shown for readability).
name: release

on:
  push:
    tags: ["v*"]

permissions: {}

jobs:
  build:
    runs-on: ubuntu-latest
    timeout-minutes: 30
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
        with:
          persist-credentials: false
      # Replace with your build; it must leave the files to release in dist/.
      - run: echo "build your release files into dist/"
      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 # v4.6.2
        with:
          name: release-files
          path: dist/
          if-no-files-found: error

  release:
    needs: build
    permissions:
      contents: write
      id-token: write
      attestations: write
    uses: ${TOLLGATE_REPOSITORY}/.github/workflows/release.yml@${ref}
    with:
      artifact-name: release-files
      policy: tollgate.yml
`;
}

/** Pull-request checks: dependency review and a secret scan, safe on pull requests from forks. */
export function pullRequestWorkflow(ref: string): string {
  return `# Tollgate on pull requests: dependency review (new advisories, licenses, bans, sources)
# and a secret scan. Runs on pull_request (never pull_request_target), so a fork's code
# runs with a read-only token; the PR comment is then skipped and the check still decides.
name: tollgate-pull-request

on:
  pull_request:

permissions: {}

jobs:
  review:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
      pull-requests: write
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
        with:
          persist-credentials: false
          fetch-depth: 0
      - uses: ${TOLLGATE_REPOSITORY}/actions/review@${ref}
        with:
          base: \${{ github.event.pull_request.base.sha }}
          policy: tollgate.yml

  secrets:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
        with:
          persist-credentials: false
      - uses: ${TOLLGATE_REPOSITORY}/actions/secrets@${ref}
        with:
          paths: .
`;
}
