#!/usr/bin/env bash
# Live heap per idle signed-in connection on one server: class histograms at 0 and N connections.
set -u
N=${N:-5000}
SERVER_JAR=${SERVER_JAR:-/work/main/server/target/tandem-server.jar}
OUT=${OUT:-/tmp/heap/out}
mkdir -p $OUT
cd /tmp/heap
export TANDEM_CLUSTER_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
java -jar /work/main/redis-runner/target/tandem-redis.jar --port 16390 --dir /tmp/heap/redis > $OUT/redis.log 2>&1 &
RP=$!
sleep 2
TANDEM_RATE_LIMIT=100000 java -Xmx1g -jar $SERVER_JAR --port 17001 --redis-url redis://127.0.0.1:16390 --server-id s1 > $OUT/server.log 2>&1 &
SP=$!
until curl -fsS http://127.0.0.1:17001/health >/dev/null 2>&1; do sleep 0.5; done
# warm: a few connections first so that classes are loaded
java -jar /work/main/bench/target/tandem-bench.jar connections --url ws://127.0.0.1:17001/ws --clients 200 --connect-rate 200 --duration 2 --user-prefix warm- > $OUT/warm.txt 2>&1
jcmd $SP GC.class_histogram > $OUT/histo-0.txt
java -jar /work/main/bench/target/tandem-bench.jar connections --url ws://127.0.0.1:17001/ws --clients $N --connect-rate 500 --connect-timeout 120 --duration 90 --pid s1=$SP --json $OUT/conn.json > $OUT/conn.txt 2>&1 &
BP=$!
# histogram while held: wait until the server reports N connections
for i in $(seq 1 200); do
  c=$(curl -fsS http://127.0.0.1:17001/health 2>/dev/null | sed -n 's/.*"connections":\([0-9]*\).*/\1/p')
  [ "${c:-0}" -ge $((N * 95 / 100)) ] && break
  sleep 1
done
sleep 5
jcmd $SP GC.class_histogram > $OUT/histo-N.txt
wait $BP
kill $SP; wait $SP 2>/dev/null; kill $RP; wait $RP 2>/dev/null
rm -rf /tmp/heap/redis
