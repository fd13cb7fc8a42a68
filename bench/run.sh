#!/usr/bin/env bash
# Side-by-side benchmark on one machine (127.0.0.1 only): Redis, two Tandem servers, three front doors
# to them (direct to s1 = the bound, Tandem's proxy, HAProxy 2.6) plus a Socket.IO 4 relay on two Node.js
# processes; the same fan-out ramp through each, then idle connections and password sign-ins.
# Everything it starts it stops (trap). Results: one JSON per run in --out, plus summary.json.
#
#   bench/run.sh                      # defaults sized for a 2-core machine
#   bench/run.sh --clients 5000 --rates "100 200 400 800 1600" --duration 30
#   bench/run.sh --targets "direct haproxy socketio"   # a subset
#   bench/run.sh --help
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

CLIENTS=1000
SENDERS=10
SIZE=100
WARMUP=5
DURATION=15
RATES="10 25 35 50 70 100 140 200 400"
P99_LIMIT_MS=250
RAMP_STOP_MS=""
TARGETS="direct tandem-lb haproxy split socketio"
CONN_CLIENTS=5000
CONN_RATE=1000
CONN_HOLD=10
SIGNIN_WORKERS=4
BASE_PORT=23000
RATE_LIMIT=1000000
BENCH_THREADS=2
BUILD=1
OUT=""
JFR=0

usage() {
  cat <<USAGE
Usage: bench/run.sh [flags]
  --clients N          fan-out clients                                  [$CLIENTS]
  --senders K          fan-out senders                                  [$SENDERS]
  --size B             chat text bytes                                  [$SIZE]
  --rates "R1 R2 …"    aggregate msg/s ramp; stops once p99 > limit     [$RATES]
  --p99-limit MS       the "sustained" threshold (and the ramp stop)    [$P99_LIMIT_MS]
  --ramp-stop MS       keep ramping a front door until its p99 passes this instead (more points
                       for p99-at-equal-rate on a noisy machine)        [the p99 limit]
  --warmup S / --duration S   per run                                   [$WARMUP / $DURATION]
  --targets "…"        any of: direct tandem-lb haproxy split socketio  [$TARGETS]
                       (split = Tandem, clients spread directly over s1+s2: the apples-to-apples
                        peer of socketio, which spreads clients over its two processes)
  --connections N      idle connections per front door (0 = skip)       [$CONN_CLIENTS]
  --connect-rate C     new connections/s                                [$CONN_RATE]
  --signin-workers W   concurrent password sign-ins (0 = skip)          [$SIGNIN_WORKERS]
  --rate-limit R       TANDEM_RATE_LIMIT for the servers (msgs/s/conn)  [$RATE_LIMIT]
  --base-port P        ports P+1.. (servers), P+79 (redis), P+80/81 (lb/haproxy), P+101/102 (socket.io) [$BASE_PORT]
  --bench-threads T    load generator event-loop threads                [$BENCH_THREADS]
  --jfr                record JFR profiles (settings=profile) of s1 (and the proxy) during every Tandem
                       run; read them with: java -jar bench/target/tandem-bench.jar hotspots FILE.jfr
  --no-build           use the jars as they are
  --out DIR            results directory                  [bench/results/<UTC timestamp>]
Environment: SERVER_JAR, LB_JAR (other builds to measure), SERVER_JAVA_OPTS, BENCH_JAVA_OPTS.
USAGE
}

while [ $# -gt 0 ]; do
  case "$1" in
    --clients) CLIENTS=$2; shift 2 ;;
    --senders) SENDERS=$2; shift 2 ;;
    --size) SIZE=$2; shift 2 ;;
    --rates) RATES=$2; shift 2 ;;
    --p99-limit) P99_LIMIT_MS=$2; shift 2 ;;
    --ramp-stop) RAMP_STOP_MS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --targets) TARGETS=$2; shift 2 ;;
    --connections) CONN_CLIENTS=$2; shift 2 ;;
    --connect-rate) CONN_RATE=$2; shift 2 ;;
    --signin-workers) SIGNIN_WORKERS=$2; shift 2 ;;
    --rate-limit) RATE_LIMIT=$2; shift 2 ;;
    --base-port) BASE_PORT=$2; shift 2 ;;
    --bench-threads) BENCH_THREADS=$2; shift 2 ;;
    --jfr) JFR=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --out) OUT=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown flag $1 (see --help)" >&2; exit 2 ;;
  esac
done

RAMP_STOP_MS=${RAMP_STOP_MS:-$P99_LIMIT_MS}
OUT=${OUT:-bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$OUT/logs"
OUT=$(cd "$OUT" && pwd)
LOGS="$OUT/logs"

P_S1=$((BASE_PORT + 1)); P_S2=$((BASE_PORT + 2)); P_REDIS=$((BASE_PORT + 79))
P_LB=$((BASE_PORT + 80)); P_HA=$((BASE_PORT + 81)); P_IO1=$((BASE_PORT + 101)); P_IO2=$((BASE_PORT + 102))

# ---- everything started is recorded here and stopped on exit ------------------------------------------
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

wait_http() { # url, name: poll until it answers 200 (30 s)
  for _ in $(seq 1 300); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "run.sh: $2 did not come up at $1 (see $LOGS)" >&2; exit 1
}

wait_port() { # port, name
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "run.sh: $2 is not listening on $1 (see $LOGS)" >&2; exit 1
}

for port in $P_S1 $P_S2 $P_REDIS $P_LB $P_HA $P_IO1 $P_IO2; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "run.sh: port $port is already in use; pick another --base-port" >&2; exit 1
  fi
done

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

# ---- build ------------------------------------------------------------------------------------------------
# SERVER_JAR / LB_JAR may point at another build (e.g. an experiment) to compare against.
SERVER_JAR=${SERVER_JAR:-server/target/tandem-server.jar}
LB_JAR=${LB_JAR:-loadbalancer/target/tandem-lb.jar}
REDIS_JAR=redis-runner/target/tandem-redis.jar
BENCH_JAR=bench/target/tandem-bench.jar
if [ "$BUILD" = 1 ]; then
  modules=redis-runner,server,bench
  [ -d loadbalancer ] && modules=$modules,loadbalancer
  echo "== building $modules"
  ./mvnw -q -B -pl "$modules" -am package -DskipTests
fi
case " $TARGETS " in *" socketio "*)
  if [ ! -d bench/peers/socketio/node_modules ]; then (cd bench/peers/socketio && npm ci --silent); fi ;;
esac
case " $TARGETS " in *" haproxy "*)
  command -v haproxy >/dev/null || { echo "run.sh: haproxy missing (apt-get install -y haproxy)" >&2; exit 1; } ;;
esac
case " $TARGETS " in *" tandem-lb "*)
  [ -f "$LB_JAR" ] || { echo "run.sh: $LB_JAR missing: is the loadbalancer module built?" >&2; exit 1; } ;;
esac

# ---- start the processes ------------------------------------------------------------------------------
TANDEM_CLUSTER_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
export TANDEM_CLUSTER_SECRET # servers and bench read it from the environment, never from arguments

echo "== Redis on $P_REDIS"
if command -v redis-server >/dev/null; then
  redis-server --port "$P_REDIS" --bind 127.0.0.1 --save "" --appendonly no --dir "$LOGS" \
    >"$LOGS/redis.log" 2>&1 &
else
  java -jar "$REDIS_JAR" --port "$P_REDIS" --dir "$OUT/redis" >"$LOGS/redis.log" 2>&1 &
fi
PIDS+=($!)
wait_port "$P_REDIS" redis
REDIS_URL="redis://127.0.0.1:$P_REDIS"

SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-"-Xms512m -Xmx2g -XX:+UseG1GC"}
start_server() { # id, port
  TANDEM_RATE_LIMIT=$RATE_LIMIT java $SERVER_JAVA_OPTS -XX:+FlightRecorder -jar "$SERVER_JAR" \
    --port "$2" --redis-url "$REDIS_URL" --server-id "$1" >"$LOGS/$1.log" 2>&1 &
  PIDS+=($!)
  eval "PID_$1=$!"
}
echo "== Tandem servers s1:$P_S1 s2:$P_S2 (TANDEM_RATE_LIMIT=$RATE_LIMIT)"
start_server s1 "$P_S1"
start_server s2 "$P_S2"
wait_http "http://127.0.0.1:$P_S1/health" s1
wait_http "http://127.0.0.1:$P_S2/health" s2

PID_lb=""; PID_haproxy=""; PID_io1=""; PID_io2=""
case " $TARGETS " in *" tandem-lb "*)
  echo "== Tandem proxy on $P_LB"
  # Health checks as HAProxy's config has them (every 2 s, 2 s to answer, fall 2, rise 2). The proxy's
  # defaults check every 1 s with a 2 s timeout; matching HAProxy keeps the comparison fair.
  java -Xms256m -Xmx1g -jar "$LB_JAR" --port "$P_LB" \
    --health-interval-ms 2000 --health-timeout-ms 2000 --fall 2 --rise 2 \
    --backend "s1=http://127.0.0.1:$P_S1" --backend "s2=http://127.0.0.1:$P_S2" >"$LOGS/lb.log" 2>&1 &
  PIDS+=($!); PID_lb=$!
  wait_http "http://127.0.0.1:$P_LB/lb/status" tandem-lb ;;
esac
case " $TARGETS " in *" haproxy "*)
  echo "== HAProxy on $P_HA"
  HAPROXY_BIND="127.0.0.1:$P_HA" TANDEM_S1="127.0.0.1:$P_S1" TANDEM_S2="127.0.0.1:$P_S2" \
    haproxy -db -f deploy/haproxy/haproxy.cfg >"$LOGS/haproxy.log" 2>&1 &
  PIDS+=($!); PID_haproxy=$!
  wait_http "http://127.0.0.1:$P_HA/health" haproxy ;;
esac
case " $TARGETS " in *" socketio "*)
  echo "== Socket.IO relays io1:$P_IO1 io2:$P_IO2"
  node bench/peers/socketio/server.js --port "$P_IO1" --redis-url "$REDIS_URL" --server-id io1 >"$LOGS/io1.log" 2>&1 &
  PIDS+=($!); PID_io1=$!
  node bench/peers/socketio/server.js --port "$P_IO2" --redis-url "$REDIS_URL" --server-id io2 >"$LOGS/io2.log" 2>&1 &
  PIDS+=($!); PID_io2=$!
  wait_http "http://127.0.0.1:$P_IO1/health" io1
  wait_http "http://127.0.0.1:$P_IO2/health" io2 ;;
esac

# ---- the runs -------------------------------------------------------------------------------------------
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xms1g -Xmx4g"}
bench() { java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" "$@" --threads "$BENCH_THREADS" \
  --rate-limit-setting "TANDEM_RATE_LIMIT=$RATE_LIMIT"; }

urls_for() { # target -> --url flags and protocol
  case "$1" in
    direct) echo "--url ws://127.0.0.1:$P_S1/ws" ;;
    tandem-lb) echo "--url ws://127.0.0.1:$P_LB/ws" ;;
    haproxy) echo "--url ws://127.0.0.1:$P_HA/ws" ;;
    split) echo "--url ws://127.0.0.1:$P_S1/ws --url ws://127.0.0.1:$P_S2/ws" ;;
    socketio) echo "--protocol socketio --url ws://127.0.0.1:$P_IO1/ --url ws://127.0.0.1:$P_IO2/" ;;
    *) echo "run.sh: unknown target $1" >&2; exit 2 ;;
  esac
}

settle() { # wait (max 30 s) until the servers hold no connections: the last run's backlog is gone
  local port n c
  for _ in $(seq 1 300); do
    n=0
    for port in $P_S1 $P_S2; do
      c=$(curl -fsS "http://127.0.0.1:$port/health" 2>/dev/null | sed -n 's/.*"connections":\([0-9]*\).*/\1/p' || true)
      n=$((n + ${c:-0}))
    done
    [ "$n" = 0 ] && return 0
    sleep 0.1
  done
}

pids_for() { # target -> --pid flags of the processes that carry its traffic (fanout reports their CPU)
  case "$1" in
    direct|split) echo "--pid s1=$PID_s1 --pid s2=$PID_s2" ;;
    tandem-lb) echo "--pid s1=$PID_s1 --pid s2=$PID_s2 --pid lb=$PID_lb" ;;
    haproxy) echo "--pid s1=$PID_s1 --pid s2=$PID_s2 --pid haproxy=$PID_haproxy" ;;
    socketio) echo "--pid io1=$PID_io1 --pid io2=$PID_io2" ;;
  esac
}

p99_of() { sed -n 's/.*"p99Ms" : \([0-9.]*\).*/\1/p' "$1" | head -1; }
lost_of() { sed -n 's/.*"lost" : \([0-9]*\).*/\1/p' "$1" | head -1; }

# Warm-up, not recorded: JIT-compile servers, proxies and the Node processes through every front door
# before anything is measured (a cold JVM's first seconds would otherwise land on whichever door runs first).
first_rate=${RATES%% *}
for target in $TARGETS; do
  settle
  echo "== warm-up via $target ($first_rate msg/s, 10 s, not recorded)"
  # shellcheck disable=SC2046
  bench fanout $(urls_for "$target") --clients "$CLIENTS" --senders "$SENDERS" --rate "$first_rate" \
    --size "$SIZE" --warmup 0 --duration 10 --label "warmup-$target" --user-prefix "w-$target-" \
    --json "$LOGS/warmup-$target.json" >"$LOGS/warmup-$target.txt" 2>&1 || echo "   warm-up via $target failed"
done

# Rate-major: at each rate every front door still within the limit runs once, back to back, so slow
# drifts in the machine's background load hit all of them alike. A front door leaves the ramp once its
# p99 passes the limit or it loses a message.
ACTIVE=" $TARGETS "
for rate in $RATES; do
  [ -n "${ACTIVE// /}" ] || break
  echo "== fanout at $rate msg/s: $CLIENTS clients, $SENDERS senders, ${SIZE} B"
  for target in $TARGETS; do
    case "$ACTIVE" in *" $target "*) ;; *) continue ;; esac
    settle
    file="$OUT/fanout-$target-$(printf %06d "$rate").json"
    jfr_pid=""
    if [ "$JFR" = 1 ] && [ "$target" != socketio ]; then
      jcmd "$PID_s1" JFR.start name=bench settings=profile >/dev/null 2>&1 || true
      jfr_pid=$PID_s1
      [ "$target" = tandem-lb ] && { jcmd "$PID_lb" JFR.start name=bench settings=profile >/dev/null 2>&1 || true; }
    fi
    # shellcheck disable=SC2046
    if ! bench fanout $(urls_for "$target") $(pids_for "$target") --clients "$CLIENTS" --senders "$SENDERS" --rate "$rate" \
        --size "$SIZE" --warmup "$WARMUP" --duration "$DURATION" --label "$target" --user-prefix "b-$target-" \
        --json "$file" >"$LOGS/fanout-$target-$rate.txt" 2>&1; then
      echo "   $target: bench failed (see $LOGS/fanout-$target-$rate.txt)"
      ACTIVE=${ACTIVE/ $target / }
      continue
    fi
    if [ -n "$jfr_pid" ]; then
      jcmd "$jfr_pid" JFR.stop name=bench filename="$OUT/s1-$target-$(printf %06d "$rate").jfr" >/dev/null 2>&1 || true
      if [ "$target" = tandem-lb ]; then
        jcmd "$PID_lb" JFR.stop name=bench filename="$OUT/lb-$(printf %06d "$rate").jfr" >/dev/null 2>&1 || true
      fi
    fi
    p99=$(p99_of "$file"); lost=$(lost_of "$file")
    dps=$(sed -n 's/.*"deliveriesPerSecond" : \([0-9.]*\).*/\1/p' "$file" | head -1)
    printf '   %-10s %10s deliveries/s  p99 %9s ms  lost %s\n' "$target" "$dps" "$p99" "$lost"
    if [ "$lost" != 0 ] || awk -v p="$p99" -v l="$RAMP_STOP_MS" 'BEGIN { exit !(p > l) }'; then
      echo "   $target leaves the ramp (p99 over $RAMP_STOP_MS ms or messages lost)"
      ACTIVE=${ACTIVE/ $target / }
    fi
  done
done

if [ "$CONN_CLIENTS" -gt 0 ]; then
  for target in direct tandem-lb haproxy; do
    case " $TARGETS " in *" $target "*) ;; *) continue ;; esac
    pids="--pid s1=$PID_s1 --pid s2=$PID_s2"
    [ "$target" = tandem-lb ] && pids="$pids --pid lb=$PID_lb"
    [ "$target" = haproxy ] && pids="$pids --pid haproxy=$PID_haproxy"
    settle
    echo "== connections via $target: $CONN_CLIENTS idle at $CONN_RATE/s, hold ${CONN_HOLD}s"
    # shellcheck disable=SC2046,SC2086
    bench connections $(urls_for "$target") $pids --clients "$CONN_CLIENTS" --connect-rate "$CONN_RATE" \
      --duration "$CONN_HOLD" --label "$target" --user-prefix "c-$target-" \
      --json "$OUT/connections-$target.json" >"$LOGS/connections-$target.txt" 2>&1 || echo "   failed (see logs)"
    grep -E "opened|still open|RSS" "$LOGS/connections-$target.txt" | sed 's/^/   /' || true
  done
fi

if [ "$SIGNIN_WORKERS" -gt 0 ]; then
  echo "== password sign-ins direct to s1: $SIGNIN_WORKERS workers"
  bench signins --url "ws://127.0.0.1:$P_S1/ws" --clients "$SIGNIN_WORKERS" --warmup 3 --duration 10 \
    --label direct --user-prefix "p-" --json "$OUT/signins-direct.json" >"$LOGS/signins.txt" 2>&1 || echo "   failed"
  grep -E "sign-ins/s|latency|errors" "$LOGS/signins.txt" | sed 's/^/   /' || true
fi

echo "== summary ($OUT/summary.json)"
java -jar "$BENCH_JAR" summarize "$OUT" "$P99_LIMIT_MS" | tee "$OUT/summary.md"
