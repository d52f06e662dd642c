#!/usr/bin/env bash
# Benchmark (printed, not asserted): genotype file validation throughput next to `bcftools view` on the same files,
# a simulated VCF (default 1,000 samples x 100,000 sites, about 400 MB uncompressed; generated once under
# file-manager/target/benchmark) and the real chr20 inputs in ../shared when present. Installs bcftools if missing.
#   bench/validation-throughput.sh [SAMPLES] [SITES] [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
samples="${1:-1000}"
sites="${2:-100000}"
runs="${3:-3}"

if ! command -v bcftools > /dev/null; then
  echo "Installing bcftools..."
  if [ "$(id -u)" = 0 ]; then apt-get install -y bcftools > /dev/null; else sudo apt-get install -y bcftools > /dev/null; fi
fi
if [ -z "${JAVA_HOME:-}" ]; then
  for jdk in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$jdk/bin/java" ] && "$jdk/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
      export JAVA_HOME="$jdk"
      break
    fi
  done
fi

./mvnw -B -q -o install -DskipTests -pl platform-events,platform-test,platform-service-starter
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
output="file-manager/target/surefire-reports/org.fedimpute.files.validation.ValidationBenchmarkTests-output.txt"
rm -f "$output"
./mvnw -B -o verify -pl file-manager -Dgroups=benchmark -DexcludedGroups= -Dtest=ValidationBenchmarkTests -DskipLowMemoryTests \
  -Dspotless.apply.skip -Dspotless.check.skip \
  -Dbench.samples="$samples" -Dbench.sites="$sites" -Dbench.runs="$runs" > "$log" || { tail -50 "$log"; exit 1; }
# The figures are on the console, or in surefire's output file where test output is redirected.
if ! grep -q '^load before' "$log" && [ -f "$output" ]; then cat "$output" >> "$log"; fi
sed -n '/^load before/,/^Medians/p;/^Simulating/p;/^Skipping/p;/bcftools is not installed/p' "$log"
