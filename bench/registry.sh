#!/usr/bin/env bash
# Benchmark (not a test): Berth's OCI registry against the CNCF distribution registry 2.8.2
# (Debian's docker-registry) in the same run, with skopeo: push and pull of a 1 x 100 MiB image and
# of a 20 x 5 MiB image (fresh random content, so every push really uploads), after one untimed
# warm-up copy to each, the median of BENCH_ROUNDS (3) alternating rounds; then manifest GETs
# per second over keep-alive connections (wrk). Prints MiB/s and Berth/distribution
# ratios. Targets: ratios >= 1.0, manifest GETs >= 2,000/s (measured with wrk, a real load tool:
# installed with apt-get when missing).
# Usage: bench/registry.sh [wrk-seconds]   (starts its own stack in a scratch BERTH_HOME)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-10}
export BERTH_HOME=${BERTH_HOME:-$(mktemp -d /tmp/berth-bench.XXXXXX)}
work=$(mktemp -d /tmp/berth-bench-registry.XXXXXX)
dist_pid=
cleanup() {
  [ -n "$dist_pid" ] && kill "$dist_pid" 2>/dev/null && wait "$dist_pid" 2>/dev/null || true
  "$repo/berth" down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v skopeo >/dev/null || { echo "skopeo is required (apt-get install skopeo)" >&2; exit 1; }
[ -x /usr/bin/docker-registry ] || { echo "apt-get install docker-registry first" >&2; exit 1; }
command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }

"$repo/berth" up -d >/dev/null
berth=127.0.0.1:5050

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dist=127.0.0.1:$port
mkdir -p "$work/dist"
cat > "$work/dist.yml" <<EOF
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/dist
http:
  addr: $dist
EOF
/usr/bin/docker-registry serve "$work/dist.yml" >"$work/dist.log" 2>&1 &
dist_pid=$!
for _ in $(seq 100); do curl -sf "http://$dist/v2/" >/dev/null && break; sleep 0.1; done

# An OCI layout with <count> random uncompressed layers of <mib> MiB each.
layout() { # dir, count, mib
  local dir=$1 count=$2 mib=$3 layers="" diffs="" i
  mkdir -p "$dir/blobs/sha256"
  for i in $(seq "$count"); do
    head -c "$((mib * 1024 * 1024))" /dev/urandom > "$dir/layer"
    local h; h=$(sha256sum "$dir/layer" | cut -d' ' -f1)
    mv "$dir/layer" "$dir/blobs/sha256/$h"
    layers+="${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"sha256:$h\",\"size\":$((mib * 1024 * 1024))}"
    diffs+="${diffs:+,}\"sha256:$h\""
  done
  printf '{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[%s]}}' "$diffs" > "$dir/config"
  local c; c=$(sha256sum "$dir/config" | cut -d' ' -f1); local cs; cs=$(stat -c %s "$dir/config")
  mv "$dir/config" "$dir/blobs/sha256/$c"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[%s]}' \
    "$c" "$cs" "$layers" > "$dir/manifest"
  local m; m=$(sha256sum "$dir/manifest" | cut -d' ' -f1); local ms; ms=$(stat -c %s "$dir/manifest")
  mv "$dir/manifest" "$dir/blobs/sha256/$m"
  echo '{"imageLayoutVersion":"1.0.0"}' > "$dir/oci-layout"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"v1"}}]}' \
    "$m" "$ms" > "$dir/index.json"
}

now() { date +%s.%N; }
mibps() { echo "scale=1; $1 / ($3 - $2)" | bc; } # MiB, t0, t1

# One copy (push, then pull back) of fresh content; sets rate[<name>-<target>-push|pull].
declare -A rate
copy_round() { # name count mib target repo
  local name=$1 count=$2 mib=$3 target=$4 repo=$5 reg=$berth src out t0 t1 t2
  [ "$target" = dist ] && reg=$dist
  src="$work/src-$name-$target"; layout "$src" "$count" "$mib" # fresh content for each push
  local creds=(--dest-creds "bench:$(cat "$BERTH_HOME/admin-token")") # Berth takes pushes with a token
  [ "$target" = dist ] && creds=()
  t0=$(now)
  skopeo copy -q --preserve-digests --dest-tls-verify=false "${creds[@]}" "oci:$src:v1" "docker://$reg/$repo:v1"
  t1=$(now)
  out="$work/out-$name-$target"
  skopeo copy -q --preserve-digests --dest-oci-accept-uncompressed-layers --src-tls-verify=false \
    "docker://$reg/$repo:v1" "oci:$out:v1"
  t2=$(now)
  rate[$name-$target-push]=$(mibps "$((count * mib))" "$t0" "$t1")
  rate[$name-$target-pull]=$(mibps "$((count * mib))" "$t1" "$t2")
  rm -rf "$src" "$out"
}
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

# Both registries are long-running servers: the first copy after start-up measures start-up work
# (Berth's JIT, a stack still settling after `berth up`), not throughput, so each gets one untimed
# round first. Then $rounds timed rounds, Berth and distribution alternating so both see the same
# background load on a shared machine, and the median of each.
rounds=${BENCH_ROUNDS:-3}
for target in berth dist; do copy_round warm 1 32 "$target" bench/warm; done
declare -A samples
for shape in "big 1 100" "many 20 5"; do
  set -- $shape
  name=$1 count=$2 mib=$3
  for round in $(seq "$rounds"); do
    for target in berth dist; do
      copy_round "$name" "$count" "$mib" "$target" "bench/$name$round"
      samples[$name-$target-push]+=" ${rate[$name-$target-push]}"
      samples[$name-$target-pull]+=" ${rate[$name-$target-pull]}"
    done
  done
  for target in berth dist; do
    for op in push pull; do
      rate[$name-$target-$op]=$(median ${samples[$name-$target-$op]})
    done
  done
done

# Manifest GETs: wrk, 2 threads, 16 keep-alive connections, $seconds s (after a warm-up run).
# Every answer must be a 2xx: wrk reports the others, and a run with any is refused.
manifest_rps() { # registry
  local url="http://$1/v2/bench/big1/manifests/v1" out
  local accept='Accept: application/vnd.oci.image.manifest.v1+json'
  wrk -t2 -c16 -d3s -H "$accept" "$url" >/dev/null
  out=$(wrk -t2 -c16 -d"${seconds}s" -H "$accept" "$url")
  if grep -q 'Non-2xx' <<<"$out"; then echo "wrk saw errors from $1: $out" >&2; exit 1; fi
  awk '/^Requests\/sec:/ { printf "%d", $2 }' <<<"$out"
}
for reg in "$berth" "$dist"; do # warm-up, and make sure we time real answers
  answer=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' \
    -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$reg/v2/bench/big1/manifests/v1")
  [ "${answer%% *}" = 200 ] && [ "${answer##* }" -gt 0 ] || { echo "manifest GET on $reg answered: $answer" >&2; exit 1; }
done
rps_berth=$(manifest_rps "$berth")
rps_dist=$(manifest_rps "$dist")

ratio() { echo "scale=2; $1 / $2" | bc; }
printf '%-22s %12s %14s %8s\n' "" "Berth" "distribution" "ratio"
for name in big many; do
  for op in push pull; do
    label="$op $([ $name = big ] && echo '1x100MiB' || echo '20x5MiB') (MiB/s)"
    printf '%-22s %12s %14s %8s\n' "$label" "${rate[$name-berth-$op]}" "${rate[$name-dist-$op]}" \
      "$(ratio "${rate[$name-berth-$op]}" "${rate[$name-dist-$op]}")"
  done
done
printf '%-22s %12s %14s %8s\n' "manifest GET (req/s)" "$rps_berth" "$rps_dist" "$(ratio "$rps_berth" "$rps_dist")"
