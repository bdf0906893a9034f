#!/usr/bin/env bash
# Validates the deployment files offline, with no cluster and no Docker engine:
#   1. every kustomization under deploy/k8s (base and each overlay) renders with `kubectl kustomize`;
#   2. every rendered object passes the Kubernetes schemas (npm kubernetes-models, pinned in deploy/validation);
#   3. docker-compose.yml passes `docker-compose config -q` (Compose v1 from apt).
# Exits non-zero, naming the object and field, on the first kind of failure. ./build.sh test runs it first.
#
#   deploy/validate.sh [--k8s DIR] [--compose FILE]   (defaults: deploy/k8s, docker-compose.yml)
set -euo pipefail
cd "$(dirname "$0")/.."

k8s_dir=deploy/k8s
compose_file=docker-compose.yml
while [ $# -gt 0 ]; do
  case "$1" in
    --k8s) k8s_dir=$2; shift 2 ;;
    --compose) compose_file=$2; shift 2 ;;
    *) echo "usage: deploy/validate.sh [--k8s DIR] [--compose FILE]" >&2; exit 2 ;;
  esac
done

log() { printf '==> %s\n' "$*" >&2; }
fail() { printf 'deploy/validate.sh: %s\n' "$*" >&2; exit 1; }

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

validator_dir=deploy/validation

ensure_validator_installed() {
  command -v node >/dev/null || fail "node (20 or later) is required to validate the Kubernetes manifests"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || fail "node 20 or later is required, found $(node --version)"
  # The stamp is the lock an install was made from: while it matches, the pinned packages are already there.
  local stamp=$validator_dir/node_modules/.tenantauditgrid-installed-lock.json
  if ! cmp -s "$validator_dir/package-lock.json" "$stamp" 2>/dev/null; then
    log "installing the pinned manifest validator (npm ci in $validator_dir)"
    (cd "$validator_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    cp "$validator_dir/package-lock.json" "$stamp"
  fi
}

ensure_compose_installed() {
  command -v docker-compose >/dev/null && return
  log "docker-compose is not installed; installing Compose v1 from apt"
  sudo_if_needed apt-get update -qq
  # Through env, because sudo drops the caller's environment.
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
}

command -v kubectl >/dev/null || fail "kubectl is required to render the kustomizations"
ensure_validator_installed

render_dir=$(mktemp -d /tmp/tag-validate.XXXXXX)
trap 'rm -rf "$render_dir"' EXIT

rendered=()
for kustomization in "$k8s_dir"/base "$k8s_dir"/overlays/*; do
  [ -f "$kustomization/kustomization.yaml" ] || continue
  out="$render_dir/$(echo "${kustomization#"$k8s_dir"/}" | tr '/' '-').yaml"
  kubectl kustomize "$kustomization" >"$out" || fail "kubectl kustomize $kustomization failed"
  rendered+=("$out")
done
[ ${#rendered[@]} -gt 0 ] || fail "no kustomization found under $k8s_dir"
log "validating ${#rendered[@]} rendered kustomizations against the Kubernetes schemas"
node "$validator_dir/validate-manifests.js" "${rendered[@]}" || fail "invalid Kubernetes manifests (see above)"

ensure_compose_installed
log "validating $compose_file"
# The demo's secrets come from a .env the operator writes; stand-ins let the file be checked without one.
POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-validate-only} \
TAG_MASTER_KEY=${TAG_MASTER_KEY:-validate-only} \
DEMO_CLIENT_SECRET=${DEMO_CLIENT_SECRET:-validate-only} \
  docker-compose -f "$compose_file" config -q || fail "$compose_file is not a valid compose file"

log "deployment files are valid"
