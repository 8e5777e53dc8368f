#!/usr/bin/env bash
# Starts three demo app instances (app1..app3 on 127.0.0.1:9001..9003) and Tether in front of them,
# then waits. Ctrl-C, or any exit, stops all four. Logs go to examples/run/.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: examples/demo.sh [--no-build] [--tether-port PORT]

  --no-build           use the jars already built instead of running Maven first
  --build              build first (the default; accepted for symmetry)
  --tether-port PORT   port Tether listens on (default 8080)
  -h, --help           show this help

Starts app1, app2, app3 (the demo app, sessions in memory) on 127.0.0.1:9001..9003, then Tether with
conf/tether.conf, and waits. Ctrl-C stops everything. Logs: examples/run/*.log.
Set TETHER_TARGET to build into and run from another Maven output folder than "target".
EOF
}

fail() {
  echo "demo.sh: $*" >&2
  exit 1
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="${TETHER_TARGET:-target}"
RUN_DIR="$ROOT/examples/run"
DEMO_JAR="examples/$TARGET/tether-demo-app.jar"
TETHER_JAR="proxy-core/$TARGET/tether.jar"
TETHER_CONF="conf/tether.conf"
APP_NAMES=(app1 app2 app3)
APP_PORTS=(9001 9002 9003)
START_TIMEOUT_SECONDS=60
STOP_TIMEOUT_SECONDS=15

build=1
tether_port=8080
while (($#)); do
  case "$1" in
    --no-build) build=0 ;;
    --build) build=1 ;;
    --tether-port)
      (($# >= 2)) || fail "--tether-port: missing value (expected: --tether-port PORT)"
      tether_port="$2"
      shift
      ;;
    --tether-port=*) tether_port="${1#*=}" ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      fail "argument: $1 (expected: --no-build, --build, --tether-port PORT or --help)"
      ;;
  esac
  shift
done
if ! [[ "$tether_port" =~ ^[0-9]+$ ]] || ((tether_port < 1 || tether_port > 65535)); then
  fail "tether-port: $tether_port (expected: 1..65535)"
fi
for port in "${APP_PORTS[@]}"; do
  ((tether_port != port)) || fail "tether-port: $tether_port (expected: not one of ${APP_PORTS[*]})"
done

# --- prerequisites -----------------------------------------------------------------------------

command -v java >/dev/null 2>&1 || fail "java not found (expected: Java 17 or newer on the PATH)"
java_version="$(java -XshowSettings:properties -version 2>&1 |
  sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')"
if [[ -z "$java_version" ]] || ((java_version < 17)); then
  fail "java: version ${java_version:-unknown} (expected: 17 or newer)"
fi
command -v curl >/dev/null 2>&1 || fail "curl not found (expected: curl on the PATH, to wait for the servers)"
if ((build)); then
  command -v mvn >/dev/null 2>&1 || fail "mvn not found (expected: Maven 3.8 or newer on the PATH, or --no-build)"
fi

# Something already answering on 127.0.0.1:PORT means the port is taken.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for port in "${APP_PORTS[@]}" "$tether_port"; do
  if port_in_use "$port"; then
    fail "port $port is already in use (expected: free; is another demo still running?)"
  fi
done

cd "$ROOT"

if ((build)); then
  echo "Building (mvn -B -q -DskipTests install) ..."
  mvn -B -q -DskipTests -Dtether.target="$TARGET" install
fi
[[ -f "$DEMO_JAR" ]] || fail "$DEMO_JAR missing (expected: built; run without --no-build)"
[[ -f "$TETHER_JAR" ]] || fail "$TETHER_JAR missing (expected: built; run without --no-build)"
[[ -f "$TETHER_CONF" ]] || fail "$TETHER_CONF missing (expected: the demo configuration)"

# --- processes ---------------------------------------------------------------------------------

mkdir -p "$RUN_DIR"
pids=()
names=()

stop_all() {
  trap - EXIT INT TERM
  ((${#pids[@]})) || return 0
  echo
  echo "Stopping ${names[*]} ..."
  kill -TERM "${pids[@]}" 2>/dev/null || true
  local deadline=$((SECONDS + STOP_TIMEOUT_SECONDS)) pid alive
  while ((SECONDS < deadline)); do
    alive=0
    for pid in "${pids[@]}"; do
      if kill -0 "$pid" 2>/dev/null; then alive=1; fi
    done
    ((alive)) || break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "Process $pid did not stop within ${STOP_TIMEOUT_SECONDS}s; killing it."
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  wait 2>/dev/null || true
  echo "Stopped."
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# start NAME LOG COMMAND...: runs COMMAND in the background with its output in LOG.
start() {
  local name="$1" log="$2"
  shift 2
  "$@" >"$log" 2>&1 &
  last_pid=$!
  pids+=("$last_pid")
  names+=("$name")
}

# wait_for NAME PID URL LOG: until URL answers 2xx or 3xx; fails if process PID dies first.
wait_for() {
  local name="$1" pid="$2" url="$3" log="$4"
  local deadline=$((SECONDS + START_TIMEOUT_SECONDS))
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "--- last lines of ${log#"$ROOT"/} ---" >&2
      tail -n 20 "$log" >&2 || true
      fail "$name exited during start-up (see ${log#"$ROOT"/})"
    fi
    ((SECONDS < deadline)) || fail "$name did not answer $url within ${START_TIMEOUT_SECONDS}s (see ${log#"$ROOT"/})"
    sleep 0.2
  done
}

for i in "${!APP_NAMES[@]}"; do
  name="${APP_NAMES[$i]}"
  port="${APP_PORTS[$i]}"
  echo "Starting $name on 127.0.0.1:$port ..."
  start "$name" "$RUN_DIR/$name.log" \
    java -jar "$DEMO_JAR" --port "$port" --name "$name" --route "$name" --bind 127.0.0.1
done
# The three start in parallel; pids[i] belongs to APP_NAMES[i].
for i in "${!APP_NAMES[@]}"; do
  wait_for "${APP_NAMES[$i]}" "${pids[$i]}" "http://127.0.0.1:${APP_PORTS[$i]}/health" \
    "$RUN_DIR/${APP_NAMES[$i]}.log"
done

conf="$TETHER_CONF"
if ((tether_port != 8080)); then
  # Same configuration, another listener: a small file that includes it and overrides one key.
  conf="$RUN_DIR/tether-port-$tether_port.conf"
  cat >"$conf" <<EOF
include file("$ROOT/$TETHER_CONF")
tether.listen = ["127.0.0.1:$tether_port"]
EOF
fi
echo "Starting Tether on port $tether_port ..."
start tether "$RUN_DIR/tether.log" java -jar "$TETHER_JAR" "$conf"
# "/" goes through Tether to a pool server, so an answer proves the whole chain works.
wait_for Tether "$last_pid" "http://127.0.0.1:$tether_port/" "$RUN_DIR/tether.log"

cat <<EOF

Tether is up: open http://localhost:$tether_port/

  Each page shows which instance served it (app1, app2 or app3), your session id and a visit
  counter. Reload: with affinity working you stay on one instance and the counter keeps counting.
  From a shell:  curl -s -c /tmp/demo-cookies -b /tmp/demo-cookies http://localhost:$tether_port/api/session
  Instances:     http://127.0.0.1:9001/  http://127.0.0.1:9002/  http://127.0.0.1:9003/
  Logs:          examples/run/app1.log app2.log app3.log tether.log

Press Ctrl-C to stop Tether and the three instances.
EOF

# Runs until Ctrl-C (the EXIT trap then stops everything) or until one of the four exits.
while true; do
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      fail "${names[$i]} exited unexpectedly; see examples/run/${names[$i]}.log"
    fi
  done
  sleep 1
done
