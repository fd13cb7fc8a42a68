#!/usr/bin/env bash
# Side-by-side benchmark on one machine (127.0.0.1 only): Redis, two Tandem servers, three front doors
# to them (direct to s1 = the bound, Tandem's proxy, HAProxy 2.6) plus a Socket.IO 4 relay on two Node.js
# processes; the same fan-out ramp through each, then idle connections and password sign-ins.
# Everything it starts it stops (trap). Results: one JSON per run in --out, plus summary.json.
#
#   bench/run.sh                      # defaults sized for a 2-core machine
#   bench/run.sh --clients 5000 --rates "100 200 400 800 1600" --duration 30
#   bench/run.sh --targets "direct haproxy socketio"   # a subset
#   bench/run.sh --todos --server-jars "before=/tmp/before.jar after=server/target/tandem-server.jar" \
#                --stacks "before:off after:everysec" --rounds 3       # todo changes, two builds side by side
#   bench/run.sh --targets direct --stacks "current:off current:everysec current:always" --rounds 3
#   bench/run.sh --desktop            # the desktop app's start-up against the proxy (xvfb-run if no display)
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
TODOS=0
TODO_CLIENTS=100
TODO_RATES="250 500 1000 2000 4000"
MAX_ITEMS=100
SERVER_JARS=""
REDIS_AOF=""
STACKS=""
ROUNDS=1
TARGETS_SET=0
PAIRED=0
DESKTOP=0
DESKTOP_RUNS=5
HISTORY=100
DESKTOP_JVM_ARGS=""
ROOMS_ONLY=0
FLOOD=0
FLOOD_WINDOWS=50
FLOOD_RATE=950
PROBE_RATE=5
RATE_LIMIT_SET=0
BENCH_ARGS=""
ROOM_RATES="100 400"
ROOM_COUNT=100
ROOM_SIZE=10
BIG_RATE=20

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
                       and tandem-lb-tls (the proxy terminating TLS: wss://, a self-signed pair)
                       (split = Tandem, clients spread directly over s1+s2: the apples-to-apples
                        peer of socketio, which spreads clients over its two processes)
  --connections N      idle connections per front door (0 = skip)       [$CONN_CLIENTS]
  --connect-rate C     new connections/s                                [$CONN_RATE]
  --signin-workers W   concurrent password sign-ins (0 = skip)          [$SIGNIN_WORKERS]
  --rate-limit R       TANDEM_RATE_LIMIT for the servers (msgs/s/conn)  [$RATE_LIMIT]
                       (a stack's +limitR overrides it for that stack's servers)
  --base-port P        ports P+1.. (servers), P+79 (redis), P+80/81 (lb/haproxy), P+101/102 (socket.io) [$BASE_PORT]
  --bench-threads T    load generator event-loop threads                [$BENCH_THREADS]
  --todos              the todo-change ramp instead of fan-out/connections/sign-ins: --todo-clients
                       clients (each its own user) send todo changes at an aggregate rate from
                       --todo-rates, through --targets (default: direct = server s1 alone)
  --todo-clients N     todo clients                                     [$TODO_CLIENTS]
  --todo-rates "R1 …"  aggregate todo changes/s ramp; stops once p99 > limit or a change is
                       refused or unanswered                            [$TODO_RATES]
  --max-items M        a todo client's list stays at most M items (--desktop: the account's todos) [$MAX_ITEMS]
  --redis-aof MODE     Redis persistence: off (no append-only file, as before), or the append-only
                       file with appendfsync everysec | always | no     [off]
  --server-jars "NAME=JAR …"  server builds to measure, by name         [current=\$SERVER_JAR]
  --stacks "NAME:AOF …"  run everything once per stack: a fresh Redis (AOF mode AOF) and fresh servers
                       from the build NAME (of --server-jars), one stack after the other; results are
                       labelled TARGET@NAME-aof-AOF; AOF+rN adds N Redis replicas and servers started
                       with --redis-min-replicas N (e.g. current:off current:off+r1); a final
                       +limitR starts that stack's servers with TANDEM_RATE_LIMIT=R instead of
                       --rate-limit (e.g. current:off+limit20 current:off+limit1000000)
                                                                        [one stack: the first build, --redis-aof]
  --rounds N           repeat the whole rotation of stacks N times (interleaved samples for medians) [$ROUNDS]
  --paired             start every stack at once (stack i on ports --base-port + 200 i) and run
                       rate-major: at each rate, each round runs every stack once, back to back, so
                       two stacks' runs are seconds apart (the fair comparison on a busy machine);
                       no ramp stop: every rate runs
  --room-rates "R1 …"  the rooms scenario after the fan-out ramp, at these msg/s to the small rooms
                       (all together; "" = skip); every Tandem front door   [$ROOM_RATES]
  --room-count R / --room-size M   small rooms and members of each     [$ROOM_COUNT / $ROOM_SIZE]
  --big-rate G         msg/s to general (everyone) during the rooms runs [$BIG_RATE]
  --rooms              only the rooms runs (no fan-out ramp, connections or sign-ins)
  --flood              only the flood runs (issue 17 item 6): one user's --flood-windows windows on s1
                       post to general at --flood-rate msg/s in all (servers at the default rate limit,
                       20/s per connection, unless --rate-limit); a bystander on s1 and one on s2 each
                       time --probe-rate own messages/s (median, p99); cut windows come back at once
  --flood-windows N / --flood-rate R / --probe-rate P              [$FLOOD_WINDOWS / $FLOOD_RATE / $PROBE_RATE]
  --desktop            the desktop app's start-up instead of everything else: Redis, s1, s2 and one
                       front door (--targets, default tandem-lb), a fresh account with --history chat
                       messages and --max-items todos, then the real desktop jar started --desktop-runs
                       times each way (restored, cold, password, --version); needs DISPLAY or
                       WAYLAND_DISPLAY, else runs under xvfb-run -a (Debian: apt-get install -y xvfb)
  --desktop-runs R     starts of each kind                              [$DESKTOP_RUNS]
  --history N          chat messages the desktop account posts          [$HISTORY]
  --desktop-jvm-args "…"  extra JVM arguments for the desktop app       [none]
  --jfr                record JFR profiles (settings=profile) of s1 (and the proxy) during every Tandem
                       run; read them with: java -jar bench/target/tandem-bench.jar hotspots FILE.jfr
  --bench-args "…"     extra flags for every run of the load generator, after the run's own
                       (the last value of a flag wins), e.g. "--connect-rate 40 --drain 5"
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
    --targets) TARGETS=$2; TARGETS_SET=1; shift 2 ;;
    --todos) TODOS=1; shift ;;
    --todo-clients) TODO_CLIENTS=$2; shift 2 ;;
    --todo-rates) TODO_RATES=$2; shift 2 ;;
    --max-items) MAX_ITEMS=$2; shift 2 ;;
    --redis-aof) REDIS_AOF=$2; shift 2 ;;
    --server-jars) SERVER_JARS=$2; shift 2 ;;
    --stacks) STACKS=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --paired) PAIRED=1; shift ;;
    --desktop) DESKTOP=1; shift ;;
    --rooms) ROOMS_ONLY=1; shift ;;
    --flood) FLOOD=1; shift ;;
    --flood-windows) FLOOD_WINDOWS=$2; shift 2 ;;
    --flood-rate) FLOOD_RATE=$2; shift 2 ;;
    --probe-rate) PROBE_RATE=$2; shift 2 ;;
    --room-rates) ROOM_RATES=$2; shift 2 ;;
    --room-count) ROOM_COUNT=$2; shift 2 ;;
    --room-size) ROOM_SIZE=$2; shift 2 ;;
    --big-rate) BIG_RATE=$2; shift 2 ;;
    --desktop-runs) DESKTOP_RUNS=$2; shift 2 ;;
    --history) HISTORY=$2; shift 2 ;;
    --desktop-jvm-args) DESKTOP_JVM_ARGS=$2; shift 2 ;;
    --connections) CONN_CLIENTS=$2; shift 2 ;;
    --connect-rate) CONN_RATE=$2; shift 2 ;;
    --signin-workers) SIGNIN_WORKERS=$2; shift 2 ;;
    --rate-limit) RATE_LIMIT=$2; RATE_LIMIT_SET=1; shift 2 ;;
    --base-port) BASE_PORT=$2; shift 2 ;;
    --bench-threads) BENCH_THREADS=$2; shift 2 ;;
    --bench-args) BENCH_ARGS=$2; shift 2 ;;
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

if [ "$TODOS" = 1 ] && [ "$TARGETS_SET" = 0 ]; then TARGETS=direct; fi
# The flood is within today's limits: the servers' default rate limit unless --rate-limit says otherwise.
if [ "$FLOOD" = 1 ]; then
  [ "$TARGETS_SET" = 1 ] || TARGETS=direct
  [ "$RATE_LIMIT_SET" = 1 ] || RATE_LIMIT=20
fi
if [ "$DESKTOP" = 1 ]; then
  [ "$TARGETS_SET" = 1 ] || TARGETS=tandem-lb
  case "$TARGETS" in direct|tandem-lb|haproxy) ;; *)
    echo "run.sh: --desktop runs against one Tandem front door: --targets direct, tandem-lb or haproxy" >&2; exit 2 ;;
  esac
  # The app opens a real window: a display, or a virtual one.
  DESKTOP_WRAP=()
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    command -v xvfb-run >/dev/null || {
      echo "run.sh: --desktop needs a display: set DISPLAY, or install xvfb (apt-get install -y xvfb) for xvfb-run" >&2
      exit 1; }
    DESKTOP_WRAP=(xvfb-run -a -s "-screen 0 1400x900x24")
  fi
fi
if [ "$TODOS" = 1 ]; then
  case " $TARGETS " in *" socketio "*) echo "run.sh: --todos: the Socket.IO peer has no todo lists" >&2; exit 2 ;; esac
fi

stack_ports() { # stack index -> the ports of that stack (index 0 unless --paired)
  local b=$((BASE_PORT + 200 * $1))
  P_S1=$((b + 1)); P_S2=$((b + 2)); P_REDIS=$((b + 79))
  P_LB=$((b + 80)); P_HA=$((b + 81)); P_IO1=$((b + 101)); P_IO2=$((b + 102))
  P_LBTLS=$((b + 82)); P_LBTLS_PLAIN=$((b + 83)) # tandem-lb-tls: the proxy with TLS (its plain port unused)
}
stack_ports 0

# ---- everything started is recorded here and stopped on exit (and at the end of each stack) -----------
PIDS=()
stop_all() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  PIDS=()
}
trap stop_all EXIT
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

wait_port_free() { # port: until nothing listens there any more (10 s)
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || return 0
    sleep 0.1
  done
}

for idx in $(seq 0 $(( PAIRED == 1 ? 9 : 0 ))); do
  stack_ports "$idx"
  for port in $P_S1 $P_S2 $P_REDIS $P_LB $P_HA $P_IO1 $P_IO2; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "run.sh: port $port is already in use; pick another --base-port" >&2; exit 1
    fi
  done
done
stack_ports 0

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

# ---- build ------------------------------------------------------------------------------------------------
# SERVER_JAR / LB_JAR may point at another build (e.g. an experiment) to compare against; --server-jars names
# several builds to run one after the other.
SERVER_JAR=${SERVER_JAR:-server/target/tandem-server.jar}
LB_JAR=${LB_JAR:-loadbalancer/target/tandem-lb.jar}
REDIS_JAR=redis-runner/target/tandem-redis.jar
BENCH_JAR=bench/target/tandem-bench.jar
if [ "$BUILD" = 1 ]; then
  modules=redis-runner,server,bench
  [ -d loadbalancer ] && modules=$modules,loadbalancer
  [ "$DESKTOP" = 1 ] && modules=$modules,desktop-client
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

# ---- stacks: which server build on which Redis -------------------------------------------------------
SERVER_JARS=${SERVER_JARS:-"current=$SERVER_JAR"}
jar_of() { # build name -> jar path
  local kv
  for kv in $SERVER_JARS; do
    if [ "${kv%%=*}" = "$1" ]; then echo "${kv#*=}"; return 0; fi
  done
  echo "run.sh: no build named '$1' in --server-jars ($SERVER_JARS)" >&2; exit 2
}
LABEL_STACKS=1
if [ -z "$STACKS" ]; then
  STACKS="${SERVER_JARS%%=*}:${REDIS_AOF:-off}"
  # One stack as before: plain labels (direct, haproxy, …) unless a persistence mode was asked for.
  [ -z "$REDIS_AOF" ] && [ "$(echo $SERVER_JARS | wc -w)" = 1 ] && LABEL_STACKS=0
fi
for stack in $STACKS; do
  jar=$(jar_of "${stack%%:*}")
  [ -f "$jar" ] || { echo "run.sh: server jar $jar (build ${stack%%:*}) missing" >&2; exit 1; }
  mode=${stack#*:}
  case "$mode" in *+limit*)
    case "${mode##*+limit}" in ''|*[!0-9]*)
      echo "run.sh: stack $stack: +limit takes a whole number of messages/s (e.g. +limit20)" >&2; exit 2 ;;
    esac ;;
  esac
  case "${mode%%+limit*}" in off|everysec|always|no|off+r[1-9]|everysec+r[1-9]|always+r[1-9]|no+r[1-9]) ;; *)
    echo "run.sh: stack $stack: the Redis mode must be off, everysec, always or no, optionally +rN, then optionally +limitR" >&2; exit 2 ;;
  esac
done

# The Redis binary: redis-server on PATH, else the one embedded-redis ships inside tandem-redis.jar. It is
# started directly (not through the jar's launcher) so that its pid is known: the runs report its CPU.
redis_binary() {
  if command -v redis-server >/dev/null; then command -v redis-server; return; fi
  local bin="$OUT/redis-bin/redis-server-6.2.6-v5-linux-amd64"
  if [ ! -x "$bin" ]; then
    mkdir -p "$OUT/redis-bin"
    [ -f "$REDIS_JAR" ] || { echo "run.sh: no redis-server on PATH and $REDIS_JAR missing" >&2; exit 1; }
    (cd "$OUT/redis-bin" && unzip -q -o "$ROOT/$REDIS_JAR" redis-server-6.2.6-v5-linux-amd64)
    chmod +x "$bin"
  fi
  echo "$bin"
}
REDIS_BIN=$(redis_binary)
echo "== Redis binary: $REDIS_BIN ($("$REDIS_BIN" --version | head -1))"

TANDEM_CLUSTER_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
export TANDEM_CLUSTER_SECRET # servers and bench read it from the environment, never from arguments
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-"-Xms512m -Xmx2g -XX:+UseG1GC"}
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS:-"-Xms1g -Xmx4g"}

# ---- starting one stack --------------------------------------------------------------------------------
start_redis() { # aof mode[+rN][+limitR], data dir
  local spec=${1%%+limit*} dir=$2 replicas=0 mode
  mode=${spec%%+r*}
  case "$spec" in *+r*) replicas=${spec##*+r} ;; esac
  rm -rf "$dir"; mkdir -p "$dir"
  if [ "$mode" = off ]; then
    "$REDIS_BIN" --port "$P_REDIS" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir" \
      >"$LOGS/redis-$STACK_TAG.log" 2>&1 &
  else
    # What ./tandem up runs (issue 10): the append-only file, fsync policy $mode; no RDB snapshots.
    "$REDIS_BIN" --port "$P_REDIS" --bind 127.0.0.1 --save "" --appendonly yes --appendfsync "$mode" \
      --dir "$dir" >"$LOGS/redis-$STACK_TAG.log" 2>&1 &
  fi
  PIDS+=($!); PID_redis=$!
  wait_port "$P_REDIS" redis
  # +rN: N replicas of it (no persistence of their own), and servers that acknowledge a chat message only once
  # all N have it (--redis-min-replicas N, issue 13 item 3): what that costs is this stack's difference.
  MIN_REPLICAS=$replicas
  for i in $(seq 1 "$replicas"); do
    local port=$((P_REDIS + 11 + i))
    wait_port_free "$port"
    mkdir -p "$dir/replica-$i"
    "$REDIS_BIN" --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$dir/replica-$i" \
      --replicaof 127.0.0.1 "$P_REDIS" >"$LOGS/redis-replica-$i-$STACK_TAG.log" 2>&1 &
    PIDS+=($!)
    wait_port "$port" "redis replica $i"
    wait_replica_in_sync "$port"
  done
}

wait_replica_in_sync() { # port
  for _ in $(seq 1 300); do
    if exec 3<>"/dev/tcp/127.0.0.1/$1" 2>/dev/null; then
      printf 'INFO replication\r\n' >&3
      if { timeout 1 cat <&3 || true; } | grep -q 'master_link_status:up'; then exec 3<&-; return 0; fi
      exec 3<&-
    fi
    sleep 0.1
  done
  echo "run.sh: the Redis replica on $1 did not get in sync (see $LOGS)" >&2; exit 1
}

# The servers' rate limit in the current stack: its +limitR, else --rate-limit.
stack_rate_limit() {
  case "${STACK_TAG:-}" in *+limit*) echo "${STACK_TAG##*+limit}" ;; *) echo "$RATE_LIMIT" ;; esac
}

start_server() { # id, port, jar
  TANDEM_RATE_LIMIT=$(stack_rate_limit) TANDEM_REDIS_MIN_REPLICAS=${MIN_REPLICAS:-0} java $SERVER_JAVA_OPTS -XX:+FlightRecorder -jar "$3" \
    --port "$2" --redis-url "$REDIS_URL" --server-id "$1" >"$LOGS/$1-$STACK_TAG.log" 2>&1 &
  PIDS+=($!)
  eval "PID_$1=$!"
}

start_stack() { # build name, aof mode
  local jar
  jar=$(jar_of "$1")
  for port in $P_S1 $P_S2 $P_REDIS $P_LB $P_HA $P_IO1 $P_IO2; do wait_port_free "$port"; done
  case " $TARGETS " in *" tandem-lb-tls "*) wait_port_free "$P_LBTLS"; wait_port_free "$P_LBTLS_PLAIN" ;; esac
  echo "== stack $STACK_TAG: Redis on $P_REDIS (append-only file: $2), servers from $jar"
  start_redis "$2" "$OUT/redis-data-$STACK_TAG"
  REDIS_URL="redis://127.0.0.1:$P_REDIS"
  echo "   Tandem servers s1:$P_S1 s2:$P_S2 (TANDEM_RATE_LIMIT=$(stack_rate_limit))"
  start_server s1 "$P_S1" "$jar"
  start_server s2 "$P_S2" "$jar"
  wait_http "http://127.0.0.1:$P_S1/health" s1
  wait_http "http://127.0.0.1:$P_S2/health" s2

  PID_lb=""; PID_haproxy=""; PID_io1=""; PID_io2=""
  case " $TARGETS " in *" tandem-lb "*)
    echo "   Tandem proxy on $P_LB"
    # Health checks as HAProxy's config has them (every 2 s, 2 s to answer, fall 2, rise 2). The proxy's
    # defaults check every 1 s with a 2 s timeout; matching HAProxy keeps the comparison fair.
    java -Xms256m -Xmx1g -jar "$LB_JAR" --port "$P_LB" \
      --health-interval-ms 2000 --health-timeout-ms 2000 --fall 2 --rise 2 \
      --backend "s1=http://127.0.0.1:$P_S1" --backend "s2=http://127.0.0.1:$P_S2" >"$LOGS/lb-$STACK_TAG.log" 2>&1 &
    PIDS+=($!); PID_lb=$!
    wait_http "http://127.0.0.1:$P_LB/lb/status" tandem-lb ;;
  esac
  PID_lbtls=""
  case " $TARGETS " in *" tandem-lb-tls "*)
    echo "   Tandem proxy with TLS on $P_LBTLS (a self-signed EC P-256 pair, the JDK's TLS provider)"
    [ -s "$OUT/tls/cert.pem" ] || java -cp "$LB_JAR" dev.tandem.lb.tls.SelfSigned "$OUT/tls" >/dev/null
    # The same settings as tandem-lb, plus the TLS listener; its own process, so its CPU is TLS's alone.
    java -Xms256m -Xmx1g -jar "$LB_JAR" --port "$P_LBTLS_PLAIN" --host 127.0.0.1 \
      --tls-port "$P_LBTLS" --tls-cert "$OUT/tls/cert.pem" --tls-key "$OUT/tls/key.pem" \
      --health-interval-ms 2000 --health-timeout-ms 2000 --fall 2 --rise 2 \
      --backend "s1=http://127.0.0.1:$P_S1" --backend "s2=http://127.0.0.1:$P_S2" >"$LOGS/lbtls-$STACK_TAG.log" 2>&1 &
    PIDS+=($!); PID_lbtls=$!
    wait_http "http://127.0.0.1:$P_LBTLS_PLAIN/lb/status" tandem-lb-tls ;;
  esac
  case " $TARGETS " in *" haproxy "*)
    echo "   HAProxy on $P_HA"
    HAPROXY_BIND="127.0.0.1:$P_HA" TANDEM_S1="127.0.0.1:$P_S1" TANDEM_S2="127.0.0.1:$P_S2" \
      haproxy -db -f deploy/haproxy/haproxy.cfg >"$LOGS/haproxy-$STACK_TAG.log" 2>&1 &
    PIDS+=($!); PID_haproxy=$!
    wait_http "http://127.0.0.1:$P_HA/health" haproxy ;;
  esac
  case " $TARGETS " in *" socketio "*)
    echo "   Socket.IO relays io1:$P_IO1 io2:$P_IO2"
    node bench/peers/socketio/server.js --port "$P_IO1" --redis-url "$REDIS_URL" --server-id io1 >"$LOGS/io1-$STACK_TAG.log" 2>&1 &
    PIDS+=($!); PID_io1=$!
    node bench/peers/socketio/server.js --port "$P_IO2" --redis-url "$REDIS_URL" --server-id io2 >"$LOGS/io2-$STACK_TAG.log" 2>&1 &
    PIDS+=($!); PID_io2=$!
    wait_http "http://127.0.0.1:$P_IO1/health" io1
    wait_http "http://127.0.0.1:$P_IO2/health" io2 ;;
  esac
}

# ---- the runs -------------------------------------------------------------------------------------------
# shellcheck disable=SC2086
bench() { java $BENCH_JAVA_OPTS -jar "$BENCH_JAR" "$@" --threads "$BENCH_THREADS" \
  --rate-limit-setting "TANDEM_RATE_LIMIT=$(stack_rate_limit)" $BENCH_ARGS; }

urls_for() { # target -> --url flags and protocol
  case "$1" in
    direct) echo "--url ws://127.0.0.1:$P_S1/ws" ;;
    tandem-lb) echo "--url ws://127.0.0.1:$P_LB/ws" ;;
    tandem-lb-tls) echo "--url wss://127.0.0.1:$P_LBTLS/ws" ;;
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

pids_for() { # target -> --pid flags of the processes that carry its traffic (the runs report their CPU)
  case "$1" in
    direct|split) echo "--pid s1=$PID_s1 --pid s2=$PID_s2 --pid redis=$PID_redis" ;;
    tandem-lb) echo "--pid s1=$PID_s1 --pid s2=$PID_s2 --pid lb=$PID_lb --pid redis=$PID_redis" ;;
    tandem-lb-tls) echo "--pid s1=$PID_s1 --pid s2=$PID_s2 --pid lb=$PID_lbtls --pid redis=$PID_redis" ;;
    haproxy) echo "--pid s1=$PID_s1 --pid s2=$PID_s2 --pid haproxy=$PID_haproxy --pid redis=$PID_redis" ;;
    socketio) echo "--pid io1=$PID_io1 --pid io2=$PID_io2 --pid redis=$PID_redis" ;;
  esac
}

field_of() { sed -n "s/.*\"$2\" : \([0-9.]*\).*/\1/p" "$1" | head -1; }
p99_of() { field_of "$1" p99Ms; }
lost_of() { field_of "$1" lost; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

label_for() { # target -> the label of its results in this stack
  if [ "$LABEL_STACKS" = 1 ]; then echo "$1@$STACK_TAG"; else echo "$1"; fi
}
file_for() { # scenario, target, rate (0: none) -> result file
  local rate=""
  [ "$3" = 0 ] || rate="-$(printf %06d "$3")"
  if [ "$LABEL_STACKS" = 1 ] || [ "$ROUNDS" -gt 1 ]; then
    echo "$OUT/$1-$2@$STACK_TAG-r$ROUND$rate.json"
  else
    echo "$OUT/$1-$2$rate.json"
  fi
}

# Warm-up, not recorded: JIT-compile servers, proxies and the Node processes through every front door
# before anything is measured (a cold JVM's first seconds would otherwise land on whichever door runs first).
warm_up() {
  local target
  for target in $TARGETS; do
    settle
    echo "   warm-up via $target (10 s, not recorded)"
    if [ "$TODOS" = 1 ]; then
      # shellcheck disable=SC2046
      bench todos $(urls_for "$target") --clients "$TODO_CLIENTS" --rate "${TODO_RATES%% *}" --max-items "$MAX_ITEMS" \
        --warmup 0 --duration 10 --label "warmup-$target" --user-prefix "w-$target-" \
        --json "$LOGS/warmup-$target-$STACK_TAG-r$ROUND.json" >"$LOGS/warmup-$target-$STACK_TAG-r$ROUND.txt" 2>&1 \
        || echo "   warm-up via $target failed"
    else
      # shellcheck disable=SC2046
      bench fanout $(urls_for "$target") --clients "$CLIENTS" --senders "$SENDERS" --rate "${RATES%% *}" \
        --size "$SIZE" --warmup 0 --duration 10 --label "warmup-$target" --user-prefix "w-$target-" \
        --json "$LOGS/warmup-$target-$STACK_TAG-r$ROUND.json" >"$LOGS/warmup-$target-$STACK_TAG-r$ROUND.txt" 2>&1 \
        || echo "   warm-up via $target failed"
    fi
  done
}

# Rate-major: at each rate every front door still within the limit runs once, back to back, so slow
# drifts in the machine's background load hit all of them alike. A front door leaves the ramp once its
# p99 passes the limit or it loses a message.
fanout_ramp() {
  local ACTIVE=" $TARGETS " rate target file jfr_pid p99 lost dps label
  for rate in $RATES; do
    [ -n "${ACTIVE// /}" ] || break
    echo "== fanout at $rate msg/s: $CLIENTS clients, $SENDERS senders, ${SIZE} B  [$STACK_TAG round $ROUND, load $(loadavg)]"
    for target in $TARGETS; do
      case "$ACTIVE" in *" $target "*) ;; *) continue ;; esac
      settle
      file=$(file_for fanout "$target" "$rate")
      label=$(label_for "$target")
      jfr_pid=""
      if [ "$JFR" = 1 ] && [ "$target" != socketio ]; then
        jcmd "$PID_s1" JFR.start name=bench settings=profile >/dev/null 2>&1 || true
        jfr_pid=$PID_s1
        [ "$target" = tandem-lb ] && { jcmd "$PID_lb" JFR.start name=bench settings=profile >/dev/null 2>&1 || true; }
      fi
      # shellcheck disable=SC2046
      if ! bench fanout $(urls_for "$target") $(pids_for "$target") --clients "$CLIENTS" --senders "$SENDERS" --rate "$rate" \
          --size "$SIZE" --warmup "$WARMUP" --duration "$DURATION" --label "$label" --user-prefix "b-$target-" \
          --json "$file" >"$LOGS/$(basename "$file" .json).txt" 2>&1; then
        echo "   $target: bench failed (see $LOGS/$(basename "$file" .json).txt)"
        ACTIVE=${ACTIVE/ $target / }
        continue
      fi
      if [ -n "$jfr_pid" ]; then
        jcmd "$jfr_pid" JFR.stop name=bench filename="${file%.json}.s1.jfr" >/dev/null 2>&1 || true
        if [ "$target" = tandem-lb ]; then
          jcmd "$PID_lb" JFR.stop name=bench filename="${file%.json}.lb.jfr" >/dev/null 2>&1 || true
        fi
      fi
      p99=$(p99_of "$file"); lost=$(lost_of "$file")
      dps=$(field_of "$file" deliveriesPerSecond)
      printf '   %-10s %10s deliveries/s  p99 %9s ms  lost %s  load %s\n' "$target" "$dps" "$p99" "$lost" "$(loadavg)"
      if [ "$lost" != 0 ] || awk -v p="$p99" -v l="$RAMP_STOP_MS" 'BEGIN { exit !(p > l) }'; then
        echo "   $target leaves the ramp (p99 over $RAMP_STOP_MS ms or messages lost)"
        ACTIVE=${ACTIVE/ $target / }
      fi
    done
  done
}

# The same for todo changes: a front door leaves once p99 passes the limit or a change went unanswered or
# was refused (an error, e.g. rate_limited).
todos_ramp() {
  local ACTIVE=" $TARGETS " rate target file p99 acked bad label
  for rate in $TODO_RATES; do
    [ -n "${ACTIVE// /}" ] || break
    echo "== todos at $rate changes/s: $TODO_CLIENTS clients  [$STACK_TAG round $ROUND, load $(loadavg)]"
    for target in $TARGETS; do
      case "$ACTIVE" in *" $target "*) ;; *) continue ;; esac
      settle
      file=$(file_for todos "$target" "$rate")
      label=$(label_for "$target")
      # shellcheck disable=SC2046
      if ! bench todos $(urls_for "$target") $(pids_for "$target") --clients "$TODO_CLIENTS" --rate "$rate" \
          --max-items "$MAX_ITEMS" --warmup "$WARMUP" --duration "$DURATION" --label "$label" --user-prefix "t-$target-" \
          --json "$file" >"$LOGS/$(basename "$file" .json).txt" 2>&1; then
        echo "   $target: bench failed (see $LOGS/$(basename "$file" .json).txt)"
        ACTIVE=${ACTIVE/ $target / }
        continue
      fi
      p99=$(p99_of "$file"); acked=$(field_of "$file" ackedPerSecond)
      bad=$(( $(field_of "$file" changesRefused) + $(field_of "$file" unanswered) ))
      printf '   %-10s %10s changes/s acknowledged  p99 %9s ms  refused+unanswered %s  load %s\n' \
        "$target" "$acked" "$p99" "$bad" "$(loadavg)"
      if [ "$bad" != 0 ] || awk -v p="$p99" -v l="$RAMP_STOP_MS" 'BEGIN { exit !(p > l) }'; then
        echo "   $target leaves the ramp (p99 over $RAMP_STOP_MS ms, or changes refused or unanswered)"
        ACTIVE=${ACTIVE/ $target / }
      fi
    done
  done
}

# Rooms: CLIENTS clients in general, ROOM_COUNT rooms of ROOM_SIZE among them; every rate once per Tandem
# front door (the Socket.IO peer has no rooms), next to the single-room fan-out of the same stack.
flood_runs() {
  local file="$OUT/flood-$STACK_TAG-r$ROUND.json"
  settle
  echo "== flood: $FLOOD_WINDOWS windows of one user on s1 at $FLOOD_RATE msg/s; bystanders on s1 and s2 at $PROBE_RATE msg/s  [$STACK_TAG round $ROUND, load $(loadavg)]"
  if ! bench flood --url "ws://127.0.0.1:$P_S1/ws" --url "ws://127.0.0.1:$P_S2/ws" $(pids_for direct) \
      --clients "$FLOOD_WINDOWS" --rate "$FLOOD_RATE" --probe-rate "$PROBE_RATE" --size "$SIZE" \
      --warmup "$WARMUP" --duration "$DURATION" --label "flood@$STACK_TAG" --user-prefix "f$ROUND-" \
      --json "$file" >"$LOGS/$(basename "$file" .json).txt" 2>&1; then
    echo "   flood: bench failed (see $LOGS/$(basename "$file" .json).txt)"
    return
  fi
  grep -E "bystander|flood" "$LOGS/$(basename "$file" .json).txt" | sed 's/^/   /'
}

rooms_runs() {
  local rate target file label
  for rate in $ROOM_RATES; do
    echo "== rooms at $rate msg/s to $ROOM_COUNT rooms of $ROOM_SIZE + $BIG_RATE msg/s to general: $CLIENTS clients  [$STACK_TAG round $ROUND, load $(loadavg)]"
    for target in $TARGETS; do
      [ "$target" = socketio ] && continue
      settle
      file=$(file_for rooms "$target" "$rate")
      label=$(label_for "$target")
      # shellcheck disable=SC2046
      if ! bench rooms $(urls_for "$target") $(pids_for "$target") --clients "$CLIENTS" --rooms "$ROOM_COUNT" \
          --room-size "$ROOM_SIZE" --rate "$rate" --big-rate "$BIG_RATE" --size "$SIZE" --warmup "$WARMUP" \
          --duration "$DURATION" --label "$label" --user-prefix "m-$target-" \
          --json "$file" >"$LOGS/$(basename "$file" .json).txt" 2>&1; then
        echo "   $target: bench failed (see $LOGS/$(basename "$file" .json).txt)"
        continue
      fi
      printf '   %-10s %10s deliveries/s  misdelivered %s  load %s\n' "$target" \
        "$(sed -n 's/.*"deliveriesPerSecond" : \([0-9.]*\).*/\1/p' "$file" | tail -1)" "$(field_of "$file" misdelivered)" "$(loadavg)"
    done
  done
}

connections_and_signins() {
  if [ "$CONN_CLIENTS" -gt 0 ]; then
    for target in direct tandem-lb tandem-lb-tls haproxy; do
      case " $TARGETS " in *" $target "*) ;; *) continue ;; esac
      pids="--pid s1=$PID_s1 --pid s2=$PID_s2"
      [ "$target" = tandem-lb ] && pids="$pids --pid lb=$PID_lb"
      [ "$target" = tandem-lb-tls ] && pids="$pids --pid lb=$PID_lbtls"
      [ "$target" = haproxy ] && pids="$pids --pid haproxy=$PID_haproxy"
      settle
      echo "== connections via $target: $CONN_CLIENTS idle at $CONN_RATE/s, hold ${CONN_HOLD}s"
      # shellcheck disable=SC2046,SC2086
      bench connections $(urls_for "$target") $pids --clients "$CONN_CLIENTS" --connect-rate "$CONN_RATE" \
        --duration "$CONN_HOLD" --label "$(label_for "$target")" --user-prefix "c-$target-" \
        --json "$(file_for connections "$target" 0)" >"$LOGS/connections-$target-$STACK_TAG-r$ROUND.txt" 2>&1 \
        || echo "   failed (see logs)"
      grep -E "opened|still open|RSS" "$LOGS/connections-$target-$STACK_TAG-r$ROUND.txt" | sed 's/^/   /' || true
    done
  fi
  if [ "$SIGNIN_WORKERS" -gt 0 ]; then
    echo "== password sign-ins direct to s1: $SIGNIN_WORKERS workers"
    bench signins --url "ws://127.0.0.1:$P_S1/ws" --clients "$SIGNIN_WORKERS" --warmup 3 --duration 10 \
      --label "$(label_for direct)" --user-prefix "p-" --json "$(file_for signins direct 0)" \
      >"$LOGS/signins-$STACK_TAG-r$ROUND.txt" 2>&1 || echo "   failed"
    grep -E "sign-ins/s|latency|errors" "$LOGS/signins-$STACK_TAG-r$ROUND.txt" | sed 's/^/   /' || true
  fi
}

# --desktop: one stack (the first), one front door, the desktop scenario, then the summary.
if [ "$DESKTOP" = 1 ]; then
  ROUND=1
  stack=${STACKS%% *}
  STACK_TAG="${stack%%:*}-aof-${stack#*:}"
  start_stack "${stack%%:*}" "${stack#*:}"
  url=$(urls_for "$TARGETS"); url=${url#--url }
  echo "== desktop start-up via $TARGETS ($url): $DESKTOP_RUNS runs of each kind, $HISTORY messages, $MAX_ITEMS todos${DESKTOP_WRAP[*]:+, under ${DESKTOP_WRAP[*]}}  [load $(loadavg)]"
  file="$OUT/desktop-$(label_for "$TARGETS").json"
  # The bench JVM mostly waits here; a small heap keeps it out of the app's way.
  if ! ${DESKTOP_WRAP[@]+"${DESKTOP_WRAP[@]}"} java -Xmx512m -jar "$BENCH_JAR" desktop --url "$url" \
      --desktop-jar desktop-client/target/tandem-desktop.jar --desktop-jvm-args "$DESKTOP_JVM_ARGS" \
      --runs "$DESKTOP_RUNS" --history "$HISTORY" --max-items "$MAX_ITEMS" --label "$(label_for "$TARGETS")" \
      --rate-limit-setting "TANDEM_RATE_LIMIT=$(stack_rate_limit)" --work-dir "$LOGS/desktop" --json "$file" \
      2>&1 | tee "$LOGS/desktop.txt"; then
    echo "   desktop: bench failed (see $LOGS/desktop.txt and $LOGS/desktop/logs/)"
  fi
  stop_all
  echo "== summary ($OUT/summary.json)"
  java -jar "$BENCH_JAR" summarize "$OUT" "$P99_LIMIT_MS" | tee "$OUT/summary.md"
  exit 0
fi

# --paired: every stack up at once on its own ports; rate-major, then round, then stack.
if [ "$PAIRED" = 1 ]; then
  idx=0
  for stack in $STACKS; do
    stack_ports "$idx"; ROUND=0
    STACK_TAG="${stack%%:*}-aof-${stack#*:}"
    start_stack "${stack%%:*}" "${stack#*:}"
    eval "SAVED_$idx=\"$P_S1 ${PID_s1:--} ${PID_s2:--} ${PID_redis:--} ${PID_lb:--} ${PID_haproxy:--} ${PID_io1:--} ${PID_io2:--}\""
    idx=$((idx + 1))
  done
  use_stack() { # index, stack
    stack_ports "$1"
    eval "read -r _ PID_s1 PID_s2 PID_redis PID_lb PID_haproxy PID_io1 PID_io2 <<< \"\$SAVED_$1\""
    STACK_TAG="${2%%:*}-aof-${2#*:}"
  }
  idx=0
  for stack in $STACKS; do use_stack "$idx" "$stack"; ROUND=0; warm_up; idx=$((idx + 1)); done
  RAMP_STOP_MS=1000000000
  if [ "$TODOS" = 1 ]; then ALL_RATES=$TODO_RATES; else ALL_RATES=$RATES; fi
  for rate in $ALL_RATES; do
    for ROUND in $(seq 1 "$ROUNDS"); do
      idx=0
      for stack in $STACKS; do
        use_stack "$idx" "$stack"
        if [ "$TODOS" = 1 ]; then TODO_RATES=$rate todos_ramp; else RATES=$rate fanout_ramp; fi
        idx=$((idx + 1))
      done
    done
  done
  stop_all
  echo "== summary ($OUT/summary.json)"
  java -jar "$BENCH_JAR" summarize "$OUT" "$P99_LIMIT_MS" | tee "$OUT/summary.md"
  exit 0
fi

# Stack-major within a round, rounds one after the other: each stack runs once per round, so a drift in
# the machine's load spreads over all of them. Every stack starts from a fresh Redis and fresh servers.
for ROUND in $(seq 1 "$ROUNDS"); do
  for stack in $STACKS; do
    STACK_TAG="${stack%%:*}-aof-${stack#*:}"
    start_stack "${stack%%:*}" "${stack#*:}"
    warm_up
    if [ "$FLOOD" = 1 ]; then
      flood_runs
    elif [ "$TODOS" = 1 ]; then
      todos_ramp
    elif [ "$ROOMS_ONLY" = 1 ]; then
      rooms_runs
    else
      fanout_ramp
      rooms_runs
      connections_and_signins
    fi
    stop_all
    rm -rf "$OUT/redis-data-$STACK_TAG"
  done
done

echo "== summary ($OUT/summary.json)"
java -jar "$BENCH_JAR" summarize "$OUT" "$P99_LIMIT_MS" | tee "$OUT/summary.md"
