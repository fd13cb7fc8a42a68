#!/usr/bin/env bash
# How fast one server answers GET /health while password sign-ins (PBKDF2 at the default work factor)
# keep it busy: the proxy's health checks depend on it. Starts Redis and one server, runs the bench's
# `signins` scenario, polls /health every 200 ms meanwhile, prints its latency percentiles, stops all.
#
#   bench/health-under-signins.sh                          # this build's server, 32 sign-in workers
#   SERVER_JAR=/other/tandem-server.jar bench/health-under-signins.sh --workers 64
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

WORKERS=32
DURATION=20
BASE_PORT=24500
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) WORKERS=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --base-port) BASE_PORT=$2; shift 2 ;;
    --help|-h) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "health-under-signins.sh: unknown flag $1 (try --help)" >&2; exit 2 ;;
  esac
done
SERVER_JAR=${SERVER_JAR:-server/target/tandem-server.jar}
BENCH_JAR=bench/target/tandem-bench.jar
REDIS_JAR=redis-runner/target/tandem-redis.jar
for jar in "$SERVER_JAR" "$BENCH_JAR" "$REDIS_JAR"; do
  [ -f "$jar" ] || { echo "missing $jar: run ./mvnw -q -DskipTests package first" >&2; exit 1; }
done
PORT=$((BASE_PORT + 1)); REDIS_PORT=$((BASE_PORT + 79))
WORK=$(mktemp -d); PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"' EXIT

java -jar "$REDIS_JAR" --port "$REDIS_PORT" --dir "$WORK/redis" >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null && break; sleep 0.1; done
TANDEM_CLUSTER_SECRET=health-under-signins-secret-0123456789 java -Xms512m -Xmx2g -jar "$SERVER_JAR" \
  --port "$PORT" --redis-url "redis://127.0.0.1:$REDIS_PORT" --server-id h1 >"$WORK/server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 300); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null && break; sleep 0.1; done

java -jar "$BENCH_JAR" signins --url "ws://127.0.0.1:$PORT/ws" --clients "$WORKERS" --warmup 3 \
  --duration "$DURATION" >"$WORK/signins.txt" 2>&1 &
BENCH=$!
sleep 5 # let the sign-in load build up (warm-up plus the first hashes) before sampling
end=$((SECONDS + DURATION - 5))
while [ $SECONDS -lt $end ]; do
  curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 10 "http://127.0.0.1:$PORT/health" >>"$WORK/health.txt" || true
  sleep 0.2
done
wait "$BENCH"

echo "server: $SERVER_JAR, $WORKERS sign-in workers"
grep -E 'sign-ins/s|latency ms|errors' "$WORK/signins.txt" | sed 's/^/  sign-in /'
awk '{ print $2 * 1000 }' "$WORK/health.txt" | sort -n | awk '
  { v[NR] = $1 }
  END { 
        printf "  /health: %d answers, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n", NR,
               v[int(NR*0.5)+1], v[int(NR*0.9)+1], v[(int(NR*0.99)+1 > NR) ? NR : int(NR*0.99)+1], v[NR] }'
awk '$1 != 200 { bad++ } END { printf "  /health: %d answers other than 200\n", bad + 0 }' "$WORK/health.txt"
