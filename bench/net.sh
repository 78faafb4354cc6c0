#!/usr/bin/env bash
# Benchmark (not a test): Berth's container networking.
#  1. HTTP throughput with wrk to a busybox httpd container through its published port on
#     127.0.0.1 (nftables DNAT) versus directly to the container's address, in the same run.
#     Target: published/direct >= 0.8.
#  2. The time joining the default bridge adds to `docker run --rm busybox true`, compared with
#     `--network none`. Target: <= 30 ms (Docker 20.10 adds ~80 ms here).
# Traffic goes only to 127.0.0.1 and to the container Berth started.
# Usage: bench/net.sh [seconds-per-wrk-run] [runs]   (starts its own stack in a scratch BERTH_HOME)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-10}
runs=${2:-20}
export BERTH_HOME=${BERTH_HOME:-$(mktemp -d /tmp/berth-bench.XXXXXX)}
export DOCKER_HOST=unix://$BERTH_HOME/run/berth.sock
work=$(mktemp -d /tmp/berth-bench-net.XXXXXX)
cleanup() {
  docker rm -f bench-httpd >/dev/null 2>&1 || true
  "$repo/berth" down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package) ..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

"$repo/berth" up -d >/dev/null
sh "$repo/scripts/busybox-rootfs.sh" "$work/busybox.tar" >/dev/null
docker import "$work/busybox.tar" busybox >/dev/null

docker run -d --name bench-httpd -p 127.0.0.1:18090:8080 busybox sh -c \
  'mkdir -p /www && head -c 4096 /dev/zero | tr "\0" x > /www/index.html && exec httpd -f -p 8080 -h /www' >/dev/null
ip=$(docker inspect -f '{{.NetworkSettings.IPAddress}}' bench-httpd)
for _ in $(seq 100); do curl -sf http://127.0.0.1:18090/ >/dev/null && break; sleep 0.1; done

rps() { # url
  wrk -t2 -c16 -d"${seconds}s" "$1" | awk '/Requests\/sec/ {print $2}'
}
direct=$(rps "http://$ip:8080/")
published=$(rps "http://127.0.0.1:18090/")
docker rm -f bench-httpd >/dev/null

# Median wall time of `docker run --rm busybox true` in ms.
median_run() { # extra docker run args...
  local i t0 t1
  for i in $(seq "$runs"); do
    t0=$(date +%s%N)
    docker run --rm "$@" busybox true >/dev/null
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
  done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
docker run --rm busybox true >/dev/null # warm-up
none=$(median_run --network none)
bridge=$(median_run)

printf 'HTTP via published port 127.0.0.1:18090: %s req/s\n' "$published"
printf 'HTTP directly to container %s:8080:  %s req/s\n' "$ip" "$direct"
printf 'ratio published/direct: %.2f (target >= 0.8)\n' "$(echo "$published / $direct" | bc -l)"
printf 'docker run --rm true, --network none: %s ms (median of %s)\n' "$none" "$runs"
printf 'docker run --rm true, default bridge: %s ms (median of %s)\n' "$bridge" "$runs"
printf 'bridge adds: %s ms (target <= 30 ms; Docker 20.10 adds ~80 ms here), ratio bridge/none: %.2f\n' \
  "$((bridge - none))" "$(echo "$bridge / $none" | bc -l)"
