#!/usr/bin/env bash
# Checks the deployment files without running anything: the shell scripts parse, docker-compose.yml (with
# docker-compose.override.yml when present) is valid for Compose with the documented variables, its inline JSON
# settings parse, every file it mounts exists, and every kustomize overlay renders. CI runs it (.ci/run).
#
# Needs: docker-compose (Debian package docker-compose) or the docker compose plugin, python3 with PyYAML
# (python3-yaml), and kubectl (kustomize built in).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

failures=0
ok() { printf 'manifests: ok    %s\n' "$*"; }
bad() { printf 'manifests: FAIL  %s\n' "$*" >&2; failures=$((failures + 1)); }

# --- shell scripts ---------------------------------------------------------------------------------------------
for script in deploy/backup/*.sh deploy/postgres/initdb/*.sh deploy/compose/*.sh deploy/checks/*.sh; do
  if bash -n "$script"; then ok "bash -n $script"; else bad "bash -n $script"; fi
done
if command -v shellcheck > /dev/null; then
  if shellcheck -S warning deploy/backup/*.sh deploy/postgres/initdb/*.sh deploy/compose/*.sh deploy/checks/*.sh; then
    ok "shellcheck"
  else
    bad "shellcheck"
  fi
fi

# --- compose ---------------------------------------------------------------------------------------------------
if docker compose version > /dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose > /dev/null; then
  compose=(docker-compose)
else
  bad "neither 'docker compose' nor docker-compose is installed (Debian: apt-get install docker-compose)"
  compose=()
fi
# The distribution's interpreter has PyYAML (python3-yaml) even where another python3 comes first on the PATH.
python=python3
/usr/bin/python3 -c 'import yaml' 2> /dev/null && python=/usr/bin/python3
if [ ${#compose[@]} -gt 0 ]; then
  rendered="$(mktemp)"
  trap 'rm -f "$rendered"' EXIT
  if "${compose[@]}" --env-file deploy/compose/env.example config > "$rendered"; then
    ok "${compose[*]} config (docker-compose.yml$([ -f docker-compose.override.yml ] && echo ' + docker-compose.override.yml'))"
    if "$python" - "$rendered" <<'PY'
import json, os, sys, yaml

config = yaml.safe_load(open(sys.argv[1]))
problems = []
required = {"postgres", "redis", "mail", "prometheus", "alertmanager", "grafana", "api-gateway", "user-service",
            "service-registry", "job-processor", "file-manager", "notification-service", "monitoring-service",
            "imputation-node"}
missing = required - set(config["services"])
if missing:
    problems.append("services missing: " + ", ".join(sorted(missing)))
for name, service in config["services"].items():
    environment = service.get("environment") or {}
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    text = environment.get("SPRING_APPLICATION_JSON")
    if text is not None:
        try:
            json.loads(text)
        except ValueError as error:
            problems.append(f"{name}: SPRING_APPLICATION_JSON is not JSON ({error})")
    for volume in service.get("volumes") or []:
        source = volume.get("source") if isinstance(volume, dict) else volume.split(":")[0]
        kind = volume.get("type") if isinstance(volume, dict) else ("bind" if source.startswith((".", "/")) else "volume")
        # Backups and the development override's build outputs (<module>/target) exist only once made.
        built = source.rstrip("/").endswith("/target")
        if kind == "bind" and "backups" not in source and not built and not os.path.exists(source):
            problems.append(f"{name}: mounts {source}, which does not exist")
    if name not in {"demo-panel", "backup"} and "healthcheck" not in service and "build" not in service:
        problems.append(f"{name}: no health check")
for problem in problems:
    print("  " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
    then
      ok "compose services, inline JSON settings and mounted files"
    else
      bad "compose services, inline JSON settings and mounted files"
    fi
  else
    bad "${compose[*]} config"
  fi
fi

# --- kustomize -------------------------------------------------------------------------------------------------
if command -v kubectl > /dev/null; then
  for overlay in deploy/k8s/base deploy/k8s/overlays/*/; do
    overlay="${overlay%/}"
    if out="$(kubectl kustomize "$overlay" 2>&1)"; then
      ok "kubectl kustomize $overlay ($(grep -c '^kind:' <<< "$out") objects)"
    else
      bad "kubectl kustomize $overlay: $out"
    fi
  done
else
  # Without kubectl, every manifest must still parse and every file a kustomization names must exist.
  if "$python" - <<'PY'
import pathlib, sys, yaml

problems = []
for path in sorted(pathlib.Path("deploy/k8s").rglob("*.yaml")):
    try:
        documents = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    except yaml.YAMLError as error:
        problems.append(f"{path}: {error}")
        continue
    if path.name == "kustomization.yaml":
        for document in documents:
            named = list(document.get("resources", [])) + [
                p["path"] if isinstance(p, dict) else p for p in document.get("patches", []) if not isinstance(p, dict) or "path" in p]
            for entry in named:
                if not (path.parent / entry).exists():
                    problems.append(f"{path}: names {entry}, which does not exist")
for problem in problems:
    print("  " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
  then
    ok "deploy/k8s manifests parse and their kustomizations name existing files (kubectl absent: not rendered)"
  else
    bad "deploy/k8s manifests"
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "manifests: $failures check(s) failed" >&2
  exit 1
fi
echo "manifests: all checks passed"
