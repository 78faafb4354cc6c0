#!/usr/bin/env bash
# Benchmark (not a test): time from `./berth up -d` (already built) to every component ready,
# then the idle RSS of every component (its whole process tree) and their sum.
# Targets on a 2-core machine: ready in <= 15 s, idle RSS <= 1.5 GiB in total.
# Usage: bench/stack-start.sh [runs]   (uses a scratch BERTH_HOME; needs root and free Berth ports)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
export BERTH_HOME=${BERTH_HOME:-$(mktemp -d /tmp/berth-bench.XXXXXX)}
trap '"$repo/berth" down >/dev/null 2>&1 || true' EXIT

tree_pss_kb() { # sum of PSS (kB): shared pages (PostgreSQL's shared buffers) counted once
  local pid=$1 total=0
  total=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)
  for kid in $(pgrep -P "$pid" || true); do
    total=$(( ${total:-0} + $(tree_pss_kb "$kid") ))
  done
  echo "${total:-0}"
}

tree_rss_kb() { # sum of RSS (kB) of a pid and all its descendants
  local pid=$1 total=0 kids
  total=$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ' || echo 0)
  for kid in $(pgrep -P "$pid" || true); do
    total=$(( ${total:-0} + $(tree_rss_kb "$kid") ))
  done
  echo "${total:-0}"
}

"$repo/berth" up -d >/dev/null   # first start: initdb + Kafka storage format are not what we time
"$repo/berth" down >/dev/null
times=()
for i in $(seq "$runs"); do
  start=$(date +%s.%N)
  "$repo/berth" up -d >/dev/null
  end=$(date +%s.%N)
  times+=("$(echo "$end - $start" | bc)")
  if [ "$i" -lt "$runs" ]; then "$repo/berth" down >/dev/null; fi
done
sleep 10   # let the JVMs settle to idle
printf '%-20s %8s\n' "run" "ready_s"
for i in "${!times[@]}"; do printf '%-20s %8.2f\n' "$((i+1))" "${times[$i]}"; done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
printf '%-20s %8.2f   (target <= 15 s; ratio to target %.2f)\n' "median" "$median" "$(echo "$median / 15" | bc -l)"
echo
printf '%-20s %8s %10s %10s\n' "component" "pid" "rss_MiB" "pss_MiB"
sum=0
psum=0
for f in "$BERTH_HOME"/run/*.pid; do
  name=$(basename "$f" .pid)
  # the launcher (supervisor) counts too: it runs as long as the stack does
  pid=$(cat "$f")
  if [ "$name" = launcher ]; then   # its children are the components listed on their own lines
    kb=$(ps -o rss= -p "$pid" | tr -d ' ')
    pkb=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
  else
    kb=$(tree_rss_kb "$pid")
    pkb=$(tree_pss_kb "$pid")
  fi
  sum=$((sum + kb))
  psum=$((psum + pkb))
  printf '%-20s %8s %10.1f %10.1f\n' "$name" "$pid" "$(echo "$kb / 1024" | bc -l)" "$(echo "$pkb / 1024" | bc -l)"
done
printf '%-20s %8s %10.1f %10.1f   (target <= 1536 MiB; RSS ratio to target %.2f)\n' "total" "" \
  "$(echo "$sum / 1024" | bc -l)" "$(echo "$psum / 1024" | bc -l)" "$(echo "$sum / 1024 / 1536" | bc -l)"
