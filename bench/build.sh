#!/usr/bin/env bash
# Benchmark (not a test): `docker build` (legacy builder, DOCKER_BUILDKIT=0) of the same 11-step
# busybox Dockerfile (no network needed) on Berth and, in the same run, on Docker Engine 20.10
# (Debian's docker.io, installed when missing) started here on a private socket, data root, exec
# root and pidfile, without iptables, forwarding, masquerading or a bridge. Three timings each:
# a cold build (--no-cache), a fully cached rebuild, and a rebuild after a one-file change (the
# COPY of app.sh and every step after it re-run). Prints the medians and the Berth/dockerd ratios.
# Targets (issue 7): Berth cold <= dockerd, cached rebuild <= 0.5 x dockerd.
# Berth's services are long-running JVMs whose first requests run through the interpreter and the
# JIT's early tiers, so each engine first gets [warm-up rounds] (default 8) untimed cached and
# one-file-change builds; the timings are the steady state. BENCH_BUILD_WARM=0 times a fresh stack.
# Usage: flock /work/stack.lock bench/build.sh [iterations, default 9]   (starts its own stack in a scratch
#        BERTH_HOME; build the modules first, the launcher runs the jars in target/)
#        BENCH_BUILD_ONLY=dockerd bench/build.sh   (only the dockerd half, no Berth stack)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
# 9 by default: on these 2-core VMs a median of 3 cached rebuilds moved by a fifth between runs.
n=${1:-9}
warm=${BENCH_BUILD_WARM:-8}
only=${BENCH_BUILD_ONLY:-}
work=$(mktemp -d /tmp/berth-bench-build.XXXXXX)
dockerd_pid=
berth_started=

cleanup() {
  if [ -n "$dockerd_pid" ]; then
    kill "$dockerd_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$dockerd_pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$dockerd_pid" 2>/dev/null || true
  fi
  # Whatever dockerd left mounted under its private data and exec roots (deepest first).
  awk -v w="$work" 'index($2, w) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  [ -n "$berth_started" ] && "$repo/berth" down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v dockerd >/dev/null || {
  echo "installing docker.io (dockerd 20.10) ..." >&2
  # policy-rc.d keeps the package from starting the system-wide daemon.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker.io >/dev/null
}
command -v docker >/dev/null || { echo "the docker CLI is required" >&2; exit 1; }

# The build context: a small app, some data files, and the Dockerfile (11 steps).
ctx=$work/context
mkdir -p "$ctx/data"
for i in $(seq 1 50); do head -c 4096 /dev/urandom | base64 > "$ctx/data/file-$i.txt"; done
cat > "$ctx/app.sh" <<'EOF'
#!/bin/sh
echo "$GREETING from $(hostname)"
EOF
cat > "$ctx/Dockerfile" <<'EOF'
FROM busybox
ENV APP=/app GREETING=hello
WORKDIR /app
COPY data/ /app/data/
RUN for i in $(seq 1 200); do echo "line $i" >> /app/generated.txt; done
COPY app.sh /app/app.sh
RUN chmod +x /app/app.sh && /app/app.sh > /app/out.txt && wc -l /app/generated.txt
LABEL org.example.bench=build
EXPOSE 8080
USER app
CMD ["/app/app.sh"]
EOF
printf 'Dockerfile\n.dockerignore\nignored/\n' > "$ctx/.dockerignore"
mkdir -p "$ctx/ignored" && head -c 1048576 /dev/urandom > "$ctx/ignored/blob"
sh "$repo/scripts/busybox-rootfs.sh" "$work/busybox.tar" 2>/dev/null

now_ms() { date +%s%N | awk '{printf "%.1f", $1/1000000}'; }
timed() { # command... -> elapsed ms on stdout; the build's output goes to $work/last-build.log
  local t0 t1
  t0=$(now_ms)
  if ! "$@" >"$work/last-build.log" 2>&1; then
    echo "build failed: $*" >&2; cat "$work/last-build.log" >&2; exit 1
  fi
  t1=$(now_ms)
  echo "$t1 - $t0" | bc
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# Runs the three builds $n times against the engine DOCKER_HOST points at; prints "cold cached changed".
measure() { # label
  local cold=() cached=() changed=() i
  export DOCKER_BUILDKIT=0
  docker import "$work/busybox.tar" busybox >/dev/null
  docker build -q -t bench-build "$ctx" >/dev/null 2>&1 # warm-up: the first build also unpacks busybox
  for i in $(seq "$warm"); do
    docker build -q -t bench-build "$ctx" >/dev/null 2>&1
    echo "echo \"warm-up $i of $1\"" >> "$ctx/app.sh"
    docker build -q -t bench-build "$ctx" >/dev/null 2>&1
  done
  for i in $(seq "$n"); do
    cold+=("$(timed docker build --no-cache -t bench-build "$ctx")")
    cached+=("$(timed docker build -t bench-build "$ctx")")
    grep -q 'Using cache' "$work/last-build.log" || { echo "$1: the rebuild used no cache" >&2; exit 1; }
    echo "echo \"change $i of $1\"" >> "$ctx/app.sh"
    changed+=("$(timed docker build -t bench-build "$ctx")")
  done
  docker run --rm --network none bench-build >/dev/null 2>&1 || echo "$1: the built image did not run" >&2
  echo "$(median "${cold[@]}") $(median "${cached[@]}") $(median "${changed[@]}")"
}

declare -A result
if [ "$only" != berth ]; then
  mkdir -p "$work/data" "$work/exec"
  dockerd --host "unix://$work/docker.sock" --data-root "$work/data" --exec-root "$work/exec" \
    --pidfile "$work/docker.pid" --iptables=false --ip-forward=false --ip-masq=false \
    --bridge=none --log-level=warn >"$work/dockerd.log" 2>&1 &
  dockerd_pid=$!
  export DOCKER_HOST="unix://$work/docker.sock"
  for _ in $(seq 150); do docker version >/dev/null 2>&1 && break; sleep 0.2; done
  docker version >/dev/null 2>&1 || { echo "dockerd did not start:" >&2; cat "$work/dockerd.log" >&2; exit 1; }
  result[dockerd]=$(measure dockerd)
  unset DOCKER_HOST
fi

if [ "$only" != dockerd ]; then
  export BERTH_HOME=${BERTH_HOME:-$work/berth-home}
  berth_started=1
  "$repo/berth" up -d >/dev/null
  eval "$("$repo/berth" env)"
  result[berth]=$(measure berth)
fi

printf '%-28s %12s %12s %8s\n' "docker build (median ms)" "Berth" "dockerd" "ratio"
col=1
for what in "cold (--no-cache)" "fully cached rebuild" "one-file change"; do
  b=$(echo "${result[berth]:-}" | cut -d' ' -f$col)
  d=$(echo "${result[dockerd]:-}" | cut -d' ' -f$col)
  r=n/a
  [ -n "$b" ] && [ -n "$d" ] && r=$(printf '%.2f' "$(echo "scale=4; $b / $d" | bc)")
  printf '%-28s %12s %12s %8s\n' "$what" "${b:-n/a}" "${d:-n/a}" "$r"
  col=$((col + 1))
done
echo "targets: cold ratio <= 1.0, cached rebuild ratio <= 0.5 (iterations: $n, after $warm warm-up rounds each)"
