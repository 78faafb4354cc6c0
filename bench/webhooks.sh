#!/usr/bin/env bash
# Benchmark (not a test): webhooks. 1,000 container facts (io.berth.container.created.v1, published
# to Kafka as the services' outbox relay does) fanned out to 3 subscriptions on a local receiver.
# Phase 1 paces the facts (default 100/s) and reports latency from the fact being acked by Kafka
# to its arrival at the receiver (p50, p99); phase 2 publishes them at once and reports
# deliveries/s. Both after a warm-up of the same paced load, unmeasured (the JIT of a freshly
# started stack). Targets (issue 8): p99 <= 100 ms, >= 1,000 deliveries/s on 2 cores; printed as ratios.
# Usage: flock /work/stack.lock bench/webhooks.sh [events] [paced facts/s] [warm-up facts]
#        (starts its own stack in a scratch BERTH_HOME; build the modules first, the launcher
#        runs the jars in target/)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
events=${1:-1000}
rate=${2:-100}
export BERTH_HOME=${BERTH_HOME:-$(mktemp -d /tmp/berth-bench-webhooks.XXXXXX)}
cleanup() {
  "$repo/berth" down >/dev/null 2>&1 || true
}
trap cleanup EXIT

lib=$repo/kafka-dist/target/lib
ls "$lib"/kafka-clients-*.jar >/dev/null || {
  echo "build kafka-dist first: mvn -B -pl kafka-dist install" >&2; exit 1; }

"$repo/berth" up -d >/dev/null
BERTH_TOKEN=$(cat "$BERTH_HOME/admin-token") java -cp "$lib/*" "$repo/bench/WebhooksBench.java" http://127.0.0.1:2375 127.0.0.1:9092 "$events" "$rate" "${3:-$events}"
