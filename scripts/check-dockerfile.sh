#!/usr/bin/env bash
# Runs the Dockerfile's stages without Docker: each stage in a folder of its own, from a clean copy of
# the repository (its tracked files, uncommitted edits included, nothing else), with the stage's COPY,
# ENV and RUN steps read from the Dockerfile as written, so the check cannot drift from the file.
# Then it looks at what the last stage made: the CLI answers, the dev dependencies are absent, and
# the worker's workflow bundle builds from production dependencies alone (as `worker` does at start).
#
# Usage: scripts/check-dockerfile.sh [Dockerfile]   (CI runs it from .ci/run)
# Needs: git, node and npm, and the npm registry. Differs from `docker build` in what Docker itself
# provides: the base image (the host's Node runs, not the image's pinned one) and USER.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
dockerfile="${1:-$repo/Dockerfile}"
work="$(mktemp -d "${TMPDIR:-/tmp}/dg-dockerfile-XXXXXX")"
trap 'rm -rf "$work"' EXIT
started=$SECONDS

# The build context. `git stash create` makes a commit of the working tree without touching it (none
# when nothing changed), so uncommitted edits to the Dockerfile or the sources are checked too.
context="$work/context"
mkdir -p "$context"
snapshot="$(git -C "$repo" stash create)"
git -C "$repo" archive "${snapshot:-HEAD}" | tar -x -C "$context"

# npm's cache of this run only: the Dockerfile's `npm cache clean --force` must not empty the user's.
export npm_config_cache="$work/npm-cache"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

declare -A stage_dir stage_workdir
stage="" dir="" workdir="/" stage_env=() count=0

# COPY [--from=stage] <src>... <dest>, relative to the build context or to another stage's folder.
docker_copy() {
  local from_root="$context" from_workdir="" args=("$@")
  if [[ "${args[0]}" == --from=* ]]; then
    local from="${args[0]#--from=}"
    from_root="${stage_dir[$from]:?COPY --from=$from: no such stage}"
    from_workdir="${stage_workdir[$from]}"
    args=("${args[@]:1}")
  fi
  local dest="${args[-1]}" sources=("${args[@]:0:${#args[@]}-1}")
  [[ "$dest" == /* ]] && dest="${dest#"$workdir"}"
  dest="$dir/${dest#./}"
  for src in "${sources[@]}"; do
    local path="$from_root/${src#"$from_workdir"/}"
    if [[ -d "$path" ]]; then
      mkdir -p "$dest" && cp -R "$path/." "$dest/"
    else
      mkdir -p "$(dirname "$dest/x")" && cp "$path" "$dest/"
    fi
  done
}

# Continuation lines joined, comments and blank lines dropped.
while read -r instruction rest; do
  case "${instruction^^}" in
    FROM)
      count=$((count + 1))
      read -r _image _as name <<<"$rest"
      stage="${name:-stage$count}" dir="$work/stage-$count-${name:-unnamed}" workdir="/" stage_env=()
      mkdir -p "$dir"
      stage_dir[$stage]="$dir"
      echo "== stage ${stage} (${_image}; here: Node $(node --version))"
      ;;
    WORKDIR)
      workdir="${rest%/}"
      stage_workdir[$stage]="$workdir"
      ;;
    ENV) stage_env+=("$rest") ;;
    COPY)
      echo "-- COPY $rest"
      read -r -a copy_args <<<"$rest"
      docker_copy "${copy_args[@]}"
      ;;
    RUN)
      echo "-- RUN $rest"
      (cd "$dir" && env "${stage_env[@]}" bash -euo pipefail -c "$rest")
      ;;
    USER | CMD | ENTRYPOINT | LABEL | EXPOSE | ARG) ;;
    *) echo "check-dockerfile: instruction not supported here: $instruction" >&2; exit 1 ;;
  esac
done < <(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$dockerfile" | grep -Ev '^[[:space:]]*(#|$)')

echo "== the last stage ($stage), as the image would run it"
cd "$dir"
version="$(NODE_ENV=production node dist/src/cli/main.js --version)"
[[ "$version" == "$(node -p "require('./package.json').version")" ]] || { echo "durable-graph --version said '$version'" >&2; exit 1; }
NODE_ENV=production node dist/src/cli/main.js setup-namespace --help >/dev/null
# The web inbox's page is checked-in files, copied to dist/ by the build: the server must find them.
NODE_ENV=production node -e "console.log('web inbox files: ' + [...require('./dist/src/http/inbox/assets').loadAssets().keys()].join(', '))"
if [[ -e node_modules/typescript ]]; then echo "the runtime stage has dev dependencies (node_modules/typescript)" >&2; exit 1; fi
NODE_ENV=production node -e "
  require('./dist/src/worker/createWorker').bundleWorkflows(require.resolve('./dist/workflows'))
    .then((bundle) => console.log('worker workflow bundle: ' + bundle.code.length + ' bytes'))
    .catch((err) => { console.error(err); process.exit(1); });"
echo "check-dockerfile: both stages built and the image's worker bundles its graphs ($((SECONDS - started)) s)"
