#!/usr/bin/env bash
# Checks the GitHub Actions workflows in .github/workflows/ against GitHub's schema with
# action-validator (npm packages @action-validator/cli and @action-validator/core, pinned below),
# which also checks that the paths and globs a workflow names exist. Run by .ci/run and by the
# workflow's own check job. Needs npx (Node 18 or newer, `scripts/setup-linux.sh --test` installs
# npm) and the npm registry, or the packages in npm's cache. Fails when the validator cannot run:
# a workflow is never passed unchecked.
#   scripts/check-workflows.sh
set -euo pipefail
cd "$(dirname "$0")/.."
version=0.6.0
if ! command -v npx >/dev/null 2>&1; then
  echo "check-workflows: npx not found; install npm (scripts/setup-linux.sh --test)" >&2
  exit 1
fi
shopt -s nullglob
workflows=(.github/workflows/*.yml .github/workflows/*.yaml)
if [ ${#workflows[@]} -eq 0 ]; then
  echo "check-workflows: no workflow in .github/workflows" >&2
  exit 1
fi
if ! npx --yes -p "@action-validator/core@$version" -p "@action-validator/cli@$version" \
    action-validator --help >/dev/null 2>&1; then
  echo "check-workflows: cannot install or run @action-validator/cli@$version from npm" >&2
  exit 1
fi
status=0
for workflow in "${workflows[@]}"; do
  if npx --yes -p "@action-validator/core@$version" -p "@action-validator/cli@$version" action-validator "$workflow"; then
    echo "check-workflows: $workflow is valid"
  else
    echo "check-workflows: $workflow is not valid" >&2
    status=1
  fi
done
exit $status
