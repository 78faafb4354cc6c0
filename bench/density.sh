#!/usr/bin/env bash
# Benchmark (not a test): density on the one node. Starts N (default 200) `sleep` containers with
# `docker run -d`, P at a time (default 4), and prints
#   - the wall time to have all N running (target <= 40 s on 2 cores),
#   - the supervision overhead per container: memory of the monitor (conmon) processes / N
#     (target <= 1 MiB; conmon is about that, containerd's shim several MiB) as PSS (shared
#     libraries shared out), private and RSS, and the growth of node-runtime's RSS / N,
#   - `docker run --rm busybox /bin/true` latency with the N containers running against an idle
#     node, as a ratio (measured in the same run).
# Reference measured on this hardware (STACK-NOTES): Docker 20.10 starts 40 concurrent
# `docker run -d` in ~7 s, i.e. ~35 s for 200 at that rate.
# Usage: bench/density.sh [containers] [parallel] [latency-iterations]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-200}
par=${2:-4}
iters=${3:-15}
export BERTH_HOME=${BERTH_HOME:-$(mktemp -d /tmp/berth-bench.XXXXXX)}
work=$(mktemp -d /tmp/berth-density.XXXXXX)
cleanup() {
  if [ -s "$work/ids" ]; then xargs -r -P "$par" -n 20 docker rm -f < "$work/ids" >/dev/null 2>&1 || true; fi
  "$repo/berth" down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$repo/berth" up -d >/dev/null
eval "$("$repo/berth" env)"
sh "$repo/scripts/busybox-rootfs.sh" "$work/busybox.tar" 2>/dev/null
docker import "$work/busybox.tar" busybox >/dev/null
docker run --rm busybox /bin/true   # first run unpacks the layer: not what we time

now_ms() { date +%s%N | awk '{printf "%.3f", $1/1000000}'; }
latency() { # label -> "label median p95"
  local samples=()
  for _ in $(seq "$iters"); do
    local t0 t1
    t0=$(now_ms); docker run --rm busybox /bin/true >/dev/null; t1=$(now_ms)
    samples+=("$(echo "$t1 - $t0" | bc)")
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v l="$1" '{a[NR]=$1} END {
    i=int(NR*0.95+0.999); if (i>NR) i=NR;
    print l, (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2, a[i]}'
}
node_pid() { pgrep -f 'node-runtime/target/quarkus-app/quarkus-run.jar' | head -1; }
rss_kib() { ps -o rss= -p "$1" | tr -d ' '; }
# This stack's monitors only (their command line names the bundle under $BERTH_HOME).
monitor_pids() { pgrep -f "^[^ ]*conmon .*$BERTH_HOME/" || true; }
monitors_count() { monitor_pids | wc -l; }
# field of /proc/<pid>/smaps_rollup summed over the monitors, KiB: Rss counts shared libraries in
# full for every process; Pss shares them out; Private_* is what each monitor alone costs.
monitors_kib() {
  for p in $(monitor_pids); do cat "/proc/$p/smaps_rollup" 2>/dev/null; done \
    | awk -v f="$1" '$1 ~ f {s+=$2} END {print s+0}'
}

idle=$(latency idle)
node=$(node_pid)
node_before=$(rss_kib "$node")
monitors_before=$(monitors_count)

t0=$(now_ms)
seq "$n" | xargs -P "$par" -I{} docker run -d busybox sleep 36000 >> "$work/ids"
t1=$(now_ms)
running=$(docker ps -q | wc -l)
start_s=$(echo "($t1 - $t0) / 1000" | bc -l)

sleep 2   # let the monitors settle after their start-up
monitors=$(( $(monitors_count) - monitors_before ))
monitor_rss=$(monitors_kib '^Rss:')
monitor_pss=$(monitors_kib '^Pss:')
monitor_private=$(monitors_kib '^Private_')
node_after=$(rss_kib "$node")
loaded=$(latency loaded)

echo "containers started:   $n ($par in parallel), running: $running, monitors: $monitors"
printf 'time to start all:    %.1f s   (target <= 40 s; vs target %.2f)\n' "$start_s" "$(echo "$start_s / 40" | bc -l)"
pss=$(echo "$monitor_pss / $monitors / 1024" | bc -l)
printf 'monitor memory:       PSS %.2f MiB per container (target <= 1 MiB; vs target %.2f); private %.2f MiB, RSS %.2f MiB\n' \
  "$pss" "$pss" "$(echo "$monitor_private / $monitors / 1024" | bc -l)" "$(echo "$monitor_rss / $monitors / 1024" | bc -l)"
printf 'node-runtime RSS:     %.0f MiB idle, %.0f MiB with %d running (%.2f MiB per container)\n' \
  "$(echo "$node_before / 1024" | bc -l)" "$(echo "$node_after / 1024" | bc -l)" "$running" \
  "$(echo "($node_after - $node_before) / $n / 1024" | bc -l)"
set -- $idle; idle_med=$2; idle_p95=$3
set -- $loaded; loaded_med=$2; loaded_p95=$3
printf 'run --rm latency:     idle %.0f ms (p95 %.0f), with %d running %.0f ms (p95 %.0f); ratio loaded/idle %.2f\n' \
  "$idle_med" "$idle_p95" "$running" "$loaded_med" "$loaded_p95" "$(echo "$loaded_med / $idle_med" | bc -l)"
