#!/usr/bin/env bash
# Checks the monitoring configuration without Docker or a running Prometheus: Prometheus' config and alert rules
# (syntax and unit tests), Alertmanager's config, and every Grafana dashboard (valid JSON, every PromQL query
# parses). Needs promtool (Debian package prometheus), amtool (prometheus-alertmanager) and jq.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

for tool in promtool:prometheus amtool:prometheus-alertmanager jq:jq; do
  command -v "${tool%%:*}" > /dev/null || { echo "monitoring: ${tool%%:*} missing (apt-get install ${tool#*:})" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "monitoring: prometheus config and rules"
promtool check config prometheus/prometheus.yml
promtool check rules prometheus/rules/*.yml
promtool test rules prometheus/tests/*.yml

echo "monitoring: alertmanager config"
amtool check-config alertmanager/alertmanager.yml

echo "monitoring: grafana provisioning and dashboards"
dashboards=(grafana/dashboards/*.json)
[ -e "${dashboards[0]}" ] || { echo "monitoring: no dashboards in grafana/dashboards" >&2; exit 1; }
for dashboard in "${dashboards[@]}"; do
  jq -e '.uid and .title and (.panels | length > 0)' "$dashboard" > /dev/null \
    || { echo "monitoring: $dashboard is not a dashboard (invalid JSON, or no uid, title or panels)" >&2; exit 1; }
done
uids="$(jq -r '.uid' "${dashboards[@]}" | sort | uniq -d)"
[ -z "$uids" ] || { echo "monitoring: dashboard uid used twice: $uids" >&2; exit 1; }

# Every panel query becomes a recording rule, so promtool parses it; Grafana's variables get sample values first.
{
  echo "groups:"
  echo "  - name: dashboards"
  echo "    rules:"
  jq -rs '[.[] | .. | objects | select(has("expr")) | .expr] | to_entries[]
         | (.value | gsub("\\$__rate_interval|\\$__interval"; "5m") | gsub("\\$__range"; "1h") | gsub("\\$application"; ".*")) as $expr
         | "      - record: dashboard_query_\(.key)\n        expr: " + ($expr | tojson)' "${dashboards[@]}"
} > "$work/dashboard-queries.yml"
promtool check rules "$work/dashboard-queries.yml" > /dev/null \
  || { promtool check rules "$work/dashboard-queries.yml" >&2; echo "monitoring: a dashboard query does not parse" >&2; exit 1; }
echo "monitoring: $(grep -c 'record:' "$work/dashboard-queries.yml") dashboard queries parse"
echo "monitoring: all checks passed"
