#!/usr/bin/env bash
# Benchmark (printed, not asserted): time from `./platform up` to all processes healthy, and the platform's total
# memory, over several runs of an already built platform. Checks each service's health and metrics endpoint too.
#   bench/platform-startup.sh [RUNS]     default 3; leaves the platform stopped
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-3}"

./platform down > /dev/null
echo "Warming up (builds what is missing and creates start-up caches if needed)..."
./platform up > /dev/null
./platform down > /dev/null

printf '%-5s %-14s %s\n' RUN "UP (seconds)" "MEMORY (MiB, PSS)"
for run in $(seq 1 "$runs"); do
  output="$(./platform up)"
  seconds="$(sed -n 's/.*is up in \([0-9]*\) s.*/\1/p' <<< "$output")"
  memory="$(sed -n 's/.*using \([0-9]*\) MiB.*/\1/p' <<< "$output")"
  printf '%-5s %-14s %s\n' "$run" "$seconds" "$memory"
  if [ "$run" = "$runs" ]; then
    sleep 20
    echo "Memory after 20 s idle: $(./platform status | sed -n 's/Total memory: //p')"
    for port in 8000 8001 8002 8003 8004 8005 8006 8010; do
      health="$(curl -s "http://127.0.0.1:$port/actuator/health")"
      metrics="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/prometheus")"
      echo "  :$port health $health, /actuator/prometheus $metrics"
    done
  fi
  ./platform down > /dev/null
done
left="$(pgrep -f 'fedimpute.process=' || true)"
echo "Processes left after down: ${left:-none}"
