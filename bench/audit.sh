#!/usr/bin/env bash
# Benchmark (not a test): what the audit trail costs a recorded call. Against a running stack
# (or one it starts in a scratch BERTH_HOME), it times
#   - `docker run --rm busybox true` (create, wait and start wait for their records; attach does not),
#   - N recorded calls (POST /containers/<missing>/pause, a 404 from container-service) against
#     N unrecorded ones of the same kind (GET /containers/<missing>/json, also a 404),
# and prints the gateway's own timer berth_audit_append (outcome known -> record committed).
# Usage: bench/audit.sh [iterations]   Run it under `flock /work/stack.lock` on shared machines.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-200}
export BERTH_HOME=${BERTH_HOME:-$(mktemp -d /tmp/berth-bench.XXXXXX)}
work=$(mktemp -d /tmp/berth-bench-audit.XXXXXX)
cleanup() { "$repo/berth" down >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"$repo/berth" up -d >/dev/null
eval "$("$repo/berth" env)"
sock=${DOCKER_HOST#unix://}
sh "$repo/scripts/busybox-rootfs.sh" "$work/busybox.tar" 2>/dev/null
docker import "$work/busybox.tar" busybox >/dev/null
docker run --rm busybox true

now_ms() { date +%s%N | awk '{printf "%.3f", $1/1000000}'; }
loop() { # method path: total ms for n calls on one curl process each
  local t0 t1
  t0=$(now_ms)
  for _ in $(seq "$n"); do curl -s -o /dev/null --unix-socket "$sock" -X "$1" "http://x/v1.41$2"; done
  t1=$(now_ms)
  echo "$t1 - $t0" | bc
}
metric() { curl -s localhost:2375/q/metrics | awk -v m="$1" '$1 == m {print $2}'; }

get=$(loop GET /containers/bench-missing/json)
post=$(loop POST /containers/bench-missing/pause)
runs=20
t0=$(now_ms); for _ in $(seq $runs); do docker run --rm busybox true >/dev/null; done; t1=$(now_ms)
run=$(echo "($t1 - $t0) / $runs" | bc -l)

count=$(metric berth_audit_append_seconds_count)
sum=$(metric berth_audit_append_seconds_sum)
p50=$(metric 'berth_audit_append_seconds{quantile="0.5",}' || true)
p99=$(metric 'berth_audit_append_seconds{quantile="0.99",}' || true)
printf 'unrecorded GET  : %.2f ms/call (reference)\n' "$(echo "$get / $n" | bc -l)"
printf 'recorded POST   : %.2f ms/call, ratio %.2f\n' "$(echo "$post / $n" | bc -l)" "$(echo "$post / $get" | bc -l)"
printf 'docker run --rm : %.1f ms\n' "$run"
printf 'berth_audit_append: %s records, mean %.2f ms\n' "$count" "$(echo "$sum * 1000 / $count" | bc -l)"
curl -s localhost:2375/q/metrics | grep '^berth_audit_append_seconds{' || true
echo "chain: $(curl -s localhost:2375/berth/v1/audit/verify)"
