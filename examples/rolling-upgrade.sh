#!/usr/bin/env bash
# Upgrades the servers of a Tether pool one at a time, through Tether's admin API, so that no session
# is lost: drain, wait until drained, stop, start, wait until ready, enable, ease back in with a ramp.
# Needs bash and curl only.
set -euo pipefail

usage() {
  cat <<'EOF'
usage: examples/rolling-upgrade.sh --pool POOL --stop-cmd CMD --start-cmd CMD [options]

For each server of POOL (all, or those of --servers), one after the other:
  1. drain it: no new sessions; the sessions pinned to it carry on (POST .../drain)
  2. wait until it is drained: no live session pinned and nothing in flight, or the drain deadline
     (long-polls GET .../drain/wait and prints the progress)
  3. run --stop-cmd, then --start-cmd
  4. wait until it is ready: Tether's health check says up (or the pool has none), and --ready-url,
     if given, answers 2xx; at most --timeout
  5. enable it, set its weight to 0 and ramp it back to its former weight over --ramp; the next
     server does not wait for the ramp unless --wait-ramp
Any failure stops the upgrade with a non-zero exit and leaves the server where it was.

  --admin URL            the admin API (default http://127.0.0.1:9090)
  --token SECRET         an operator token; better: the environment variable TETHER_ADMIN_TOKEN
                         (a command-line argument shows in the process list)
  --pool POOL            the pool to upgrade (required)
  --servers ID,ID...     upgrade these servers, in this order (default: every server of the pool)
  --stop-cmd CMD         shell command that stops a server; {id} and {address} are replaced by the
                         server's id and host:port
  --start-cmd CMD        shell command that starts the new version, with the same placeholders.
                         At least one of --stop-cmd and --start-cmd; a non-zero exit stops the upgrade
  --ready-url URL        also wait until this URL answers 2xx, e.g. "http://{address}/health"
  --drain-deadline DUR   stop waiting for sessions after this long (default: wait for the last one);
                         sessions still pinned then are moved to other servers and lose their state
  --ramp DUR             how long the weight takes to come back (default 30s); 0 restores it at once
  --wait-ramp            wait for each ramp to finish before the next server
  --timeout DUR          how long a started server has to become ready (default 2m)
  -h, --help             show this help

Durations: a number and a unit, possibly several: 500ms, 30s, 10m, 1h30m, 2d.

Example:
  TETHER_ADMIN_TOKEN=... examples/rolling-upgrade.sh --pool shop --ready-url 'http://{address}/health' \
    --stop-cmd 'ssh {id} sudo systemctl stop shop' --start-cmd 'ssh {id} sudo systemctl start shop'
EOF
}

readonly SCRIPT="rolling-upgrade.sh"
readonly ID_PATTERN='^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'
readonly DURATION_PATTERN='^([0-9]{1,9}(ms|s|m|h|d))+$'
# One long-poll of the drain: short enough for regular progress lines, long enough not to chatter.
readonly DRAIN_POLL="5s"
readonly DRAIN_POLL_SECONDS=5
# Time allowed to an ordinary admin call, and on top of the long-poll's own wait.
readonly REQUEST_SECONDS=15
readonly READY_POLL_SECONDS=0.5
readonly RAMP_POLL_SECONDS=1

fail() {
  echo "$SCRIPT: $*" >&2
  exit 1
}

admin="http://127.0.0.1:9090"
token="${TETHER_ADMIN_TOKEN-}"
pool=""
servers_arg=""
stop_cmd=""
start_cmd=""
ready_url=""
drain_deadline=""
ramp="30s"
wait_ramp=0
timeout="2m"

while (($#)); do
  option="$1"
  shift
  value=""
  inline=0
  if [[ "$option" == --*=* ]]; then
    value="${option#*=}"
    option="${option%%=*}"
    inline=1
  fi
  case "$option" in
    -h | --help)
      usage
      exit 0
      ;;
    --wait-ramp)
      ((!inline)) || fail "--wait-ramp: a value (expected: --wait-ramp alone)"
      wait_ramp=1
      continue
      ;;
    --admin | --token | --pool | --servers | --stop-cmd | --start-cmd | --ready-url | --drain-deadline | --ramp | --timeout)
      if ((!inline)); then
        (($#)) || fail "$option: missing value (expected: $option VALUE; see --help)"
        value="$1"
        shift
      fi
      ;;
    *)
      usage >&2
      fail "argument: $option (expected: one of the options listed by --help)"
      ;;
  esac
  case "$option" in
    --admin) admin="$value" ;;
    --token) token="$value" ;;
    --pool) pool="$value" ;;
    --servers) servers_arg="$value" ;;
    --stop-cmd) stop_cmd="$value" ;;
    --start-cmd) start_cmd="$value" ;;
    --ready-url) ready_url="$value" ;;
    --drain-deadline) drain_deadline="$value" ;;
    --ramp) ramp="$value" ;;
    --timeout) timeout="$value" ;;
  esac
done

# --- checking the arguments, before anything changes ---------------------------------------------

# millis DURATION: the duration in milliseconds.
millis() {
  local rest="$1" total=0 amount unit
  while [[ "$rest" =~ ^([0-9]+)(ms|s|m|h|d)(.*)$ ]]; do
    amount=$((10#${BASH_REMATCH[1]}))
    unit="${BASH_REMATCH[2]}"
    rest="${BASH_REMATCH[3]}"
    case "$unit" in
      ms) total=$((total + amount)) ;;
      s) total=$((total + amount * 1000)) ;;
      m) total=$((total + amount * 60000)) ;;
      h) total=$((total + amount * 3600000)) ;;
      d) total=$((total + amount * 86400000)) ;;
    esac
  done
  echo "$total"
}

command -v curl >/dev/null 2>&1 || fail "curl not found (expected: curl on the PATH)"
[[ "$admin" =~ ^https?://[^/]+(/.*)?$ ]] || fail "admin: $admin (expected: http://HOST:PORT or https://HOST:PORT)"
admin="${admin%/}"
[[ -n "$token" ]] || fail "token: missing (expected: the environment variable TETHER_ADMIN_TOKEN or --token)"
[[ "$token" != *[[:cntrl:]]* ]] || fail "token: contains control characters (expected: the secret alone)"
[[ -n "$pool" ]] || fail "pool: missing (expected: --pool POOL)"
[[ "$pool" =~ $ID_PATTERN ]] || fail "pool: $pool (expected: 1 to 64 of A-Z a-z 0-9 . _ -)"
if [[ -z "$stop_cmd" && -z "$start_cmd" ]]; then
  fail "stop-cmd, start-cmd: both missing (expected: --stop-cmd CMD and --start-cmd CMD, or at least one)"
fi
if [[ -n "$drain_deadline" ]]; then
  if ! [[ "$drain_deadline" =~ $DURATION_PATTERN ]] || (($(millis "$drain_deadline") == 0)); then
    fail "drain-deadline: $drain_deadline (expected: a duration > 0 such as 30s, 10m or 1h30m)"
  fi
fi
if [[ "$ramp" == "0" ]]; then
  ramp="0s"
fi
[[ "$ramp" =~ $DURATION_PATTERN ]] || fail "ramp: $ramp (expected: a duration such as 30s or 5m, or 0)"
ramp_ms="$(millis "$ramp")"
((ramp_ms <= 86400000)) || fail "ramp: $ramp (expected: at most 1d)"
if ! [[ "$timeout" =~ $DURATION_PATTERN ]] || (($(millis "$timeout") < 1000)); then
  fail "timeout: $timeout (expected: a duration of 1s or more such as 90s or 5m)"
fi
timeout_seconds=$(($(millis "$timeout") / 1000))
if [[ -n "$ready_url" && ! "$ready_url" =~ ^https?:// ]]; then
  fail "ready-url: $ready_url (expected: an http:// or https:// URL, {id} and {address} allowed)"
fi

selected=()
if [[ -n "$servers_arg" ]]; then
  IFS=',' read -r -a selected <<<"$servers_arg"
  ((${#selected[@]})) || fail "servers: $servers_arg (expected: ID,ID...)"
  for i in "${!selected[@]}"; do
    [[ "${selected[$i]}" =~ $ID_PATTERN ]] ||
      fail "servers: '${selected[$i]}' (expected: server ids of 1 to 64 of A-Z a-z 0-9 . _ -, separated by commas)"
    for ((j = 0; j < i; j++)); do
      [[ "${selected[$j]}" != "${selected[$i]}" ]] || fail "servers: ${selected[$i]} twice (expected: each once)"
    done
  done
fi

# --- the admin API -------------------------------------------------------------------------------

work_dir="$(mktemp -d)"
current=""      # the server being upgraded, for the note on failure
current_step="" # what was being done to it
former_weight=""

on_exit() {
  local status=$?
  rm -rf "$work_dir"
  if ((status != 0)) && [[ -n "$current" ]]; then
    local url="$admin/api/pools/$pool/servers/$current" auth="-H \"Authorization: Bearer \$TETHER_ADMIN_TOKEN\""
    {
      echo "$SCRIPT: stopped while $current_step $current; $current is left as it is."
      case "$current_step" in
        reading) ;;
        draining)
          echo "  Nothing was stopped. To call the drain off:"
          echo "    curl -X POST $auth $url/enable"
          ;;
        ramping)
          echo "  It takes traffic again, but its weight may still be 0. To set it:"
          echo "    curl -X PUT $auth -H 'Content-Type: application/json' -d '{\"weight\":$former_weight}' $url/weight"
          ;;
        *)
          echo "  Once it runs again, run this script again with --servers $current, or enable it by hand:"
          echo "    curl -X POST $auth $url/enable"
          ;;
      esac
    } >&2
  fi
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

http_status=""
http_body=""

# api METHOD PATH [BODY [SECONDS]]: one call; sets http_status (000 without an answer) and http_body.
# The token goes to curl through a file descriptor, never on a command line.
api() {
  local method="$1" path="$2" data="${3-}" seconds="${4:-$REQUEST_SECONDS}"
  local with_body=()
  if [[ -n "$data" ]]; then
    with_body=(-H "Content-Type: application/json" --data-binary "$data")
  fi
  : >"$work_dir/body"
  if ! http_status="$(curl -sS -o "$work_dir/body" -w '%{http_code}' -X "$method" --max-time "$seconds" \
    -H @<(printf 'Authorization: Bearer %s\n' "$token") -H "Accept: application/json" \
    ${with_body[@]+"${with_body[@]}"} "$admin$path" 2>"$work_dir/curl-error")"; then
    http_status="000"
  fi
  http_body="$(cat "$work_dir/body")"
}

# call WHAT METHOD PATH [BODY [SECONDS]]: api, failing with the status and the API's message unless 2xx.
call() {
  local what="$1"
  shift
  api "$@"
  if [[ "$http_status" == "000" ]]; then
    fail "$what: no answer from $admin ($(tr -d '\n' <"$work_dir/curl-error"))"
  fi
  if [[ "$http_status" != 2?? ]]; then
    local message
    message="$(json_field error "$http_body")"
    fail "$what: HTTP $http_status: ${message:-$(head -c 300 <<<"$http_body")}"
  fi
}

# json_field NAME JSON: the first value of "NAME" in compact JSON: a string (unquoted), a number,
# true, false, null, or the start of an object. Empty when absent.
json_field() {
  local found
  found="$(grep -oE "\"$1\":(\"([^\"\\\\]|\\\\.)*\"|[^,}]*)" <<<"$2" || true)"
  found="${found%%$'\n'*}"
  [[ -n "$found" ]] || return 0
  found="${found#*\":}"
  if [[ "$found" == \"*\" ]]; then
    found="${found:1:${#found}-2}"
    found="${found//\\\"/\"}"
    found="${found//\\\\/\\}"
  fi
  printf '%s' "$found"
}

server_path() {
  echo "/api/pools/$pool/servers/$1"
}

# placeholders TEMPLATE ID ADDRESS: TEMPLATE with {id} and {address} replaced.
placeholders() {
  local text="$1" id_mark="{id}" address_mark="{address}"
  text="${text//"$id_mark"/"$2"}"
  text="${text//"$address_mark"/"$3"}"
  printf '%s' "$text"
}

# --- one server ----------------------------------------------------------------------------------

drain() {
  local id="$1" state="$2" body="" view finished live in_flight left line last=""
  if [[ "$state" == "maintenance" ]]; then
    echo "$id: in maintenance already, takes no traffic: nothing to drain"
    return
  fi
  if [[ -n "$drain_deadline" ]]; then
    body="{\"deadline\":\"$drain_deadline\"}"
  fi
  current_step="draining"
  call "$id: drain" POST "$(server_path "$id")/drain" "$body"
  echo "$id: draining${drain_deadline:+ (deadline $drain_deadline)}"
  view="$http_body"
  while true; do
    # In a server view as in a drain view, the first liveSessions and inFlight are the drain's.
    live="$(json_field liveSessions "$view")"
    in_flight="$(json_field inFlight "$view")"
    left="$(json_field estimatedSecondsLeft "$view")"
    line="$id: draining: ${live:-?} live sessions, ${in_flight:-?} in flight"
    if [[ -n "$left" && "$left" != "null" && "$left" != "0" ]]; then
      line+=" (about ${left}s left)"
    fi
    if [[ "$line" != "$last" ]]; then
      echo "$line"
      last="$line"
    fi
    call "$id: waiting for the drain" GET "$(server_path "$id")/drain/wait?timeout=$DRAIN_POLL" "" \
      $((DRAIN_POLL_SECONDS + REQUEST_SECONDS))
    view="$http_body"
    finished="$(json_field "done" "$view")"
    live="$(json_field liveSessions "$view")"
    in_flight="$(json_field inFlight "$view")"
    if [[ "$finished" == "true" ]]; then
      if ((${live:-0} > 0 || ${in_flight:-0} > 0)); then
        echo "$id: drain deadline reached with $live live sessions and $in_flight requests in flight left;" \
          "the sessions move to other servers"
      else
        echo "$id: drained"
      fi
      return
    fi
    [[ "$finished" == "false" ]] || fail "$id: waiting for the drain: unexpected answer: $(head -c 300 <<<"$view")"
  done
}

# run_hook WHAT TEMPLATE ID ADDRESS: runs the operator's command; fails on a non-zero exit.
run_hook() {
  local what="$1" id="$3" command status=0
  [[ -n "$2" ]] || return 0
  command="$(placeholders "$2" "$id" "$4")"
  current_step="running the $what command for"
  echo "$id: $what: $command"
  bash -c "$command" || status=$?
  ((status == 0)) || fail "$id: $what command failed with exit status $status: $command"
}

wait_until_ready() {
  local id="$1" address="$2" deadline=$((SECONDS + timeout_seconds)) health url="" code="" healthy ready
  current_step="waiting for"
  if [[ -n "$ready_url" ]]; then
    url="$(placeholders "$ready_url" "$id" "$address")"
  fi
  while true; do
    call "$id: reading its health" GET "$(server_path "$id")"
    health="$(json_field health "$http_body")"
    healthy=0
    if [[ "$health" == "up" || "$health" == "unchecked" ]]; then
      healthy=1
    fi
    ready=1
    if [[ -n "$url" ]]; then
      code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 5 "$url" 2>/dev/null || true)"
      [[ "$code" == 2?? ]] || ready=0
    fi
    if ((healthy && ready)); then
      echo "$id: ready (health: $health${url:+, $url: HTTP $code})"
      return
    fi
    if ((SECONDS >= deadline)); then
      fail "$id: not ready within $timeout (health: ${health:-unknown}${url:+; $url: HTTP ${code:-000}})"
    fi
    sleep "$READY_POLL_SECONDS"
  done
}

bring_back() {
  local id="$1" weight="$2" view
  current_step="enabling"
  call "$id: enable" POST "$(server_path "$id")/enable"
  if ((ramp_ms == 0 || weight == 0)); then
    call "$id: weight" PUT "$(server_path "$id")/weight" "{\"weight\":$weight}"
    echo "$id: back in service with weight $weight"
    return
  fi
  current_step="ramping"
  call "$id: weight" PUT "$(server_path "$id")/weight" '{"weight":0}'
  call "$id: ramp" POST "$(server_path "$id")/ramp" \
    "{\"target\":$weight,\"duration\":\"$ramp\",\"curve\":\"linear\"}"
  echo "$id: back in service, weight ramping from 0 to $weight over $ramp"
  ((wait_ramp)) || return 0
  while true; do
    sleep "$RAMP_POLL_SECONDS"
    call "$id: reading its ramp" GET "$(server_path "$id")"
    view="$http_body"
    if [[ "$(json_field ramp "$view")" == "null" ]]; then
      echo "$id: ramp done, weight $(json_field configuredWeight "$view")"
      return
    fi
    echo "$id: ramping, effective weight $(json_field effectiveWeight "$view") of $weight"
  done
}

upgrade() {
  local id="$1" view address state ramp_target started=$SECONDS
  current="$id"
  current_step="reading"
  former_weight=""
  call "$id: reading the server" GET "$(server_path "$id")"
  view="$http_body"
  address="$(json_field address "$view")"
  state="$(json_field state "$view")"
  former_weight="$(json_field configuredWeight "$view")"
  # A ramp under way (a slow start, or one of an earlier run) is heading for the weight that counts.
  ramp_target="$(json_field target "$view")"
  if [[ "$(json_field ramp "$view")" != "null" && -n "$ramp_target" ]]; then
    former_weight="$ramp_target"
  fi
  [[ "$former_weight" =~ ^[0-9]+$ ]] || fail "$id: weight: '$former_weight' (expected: a number in the server view)"
  echo "== $id ($address): $state, health $(json_field health "$view"), weight $former_weight"
  drain "$id" "$state"
  run_hook stop "$stop_cmd" "$id" "$address"
  run_hook start "$start_cmd" "$id" "$address"
  wait_until_ready "$id" "$address"
  bring_back "$id" "$former_weight"
  echo "== $id upgraded in $((SECONDS - started))s"
  current=""
}

# --- the pool ------------------------------------------------------------------------------------

call "checking the token" GET "/api/session"
role="$(json_field role "$http_body")"
[[ "$role" == "operator" ]] || fail "token: role ${role:-unknown} (expected: operator, to drain and enable)"
call "reading pool $pool" GET "/api/pools/$pool"
pool_ids=()
while IFS= read -r match; do
  [[ -n "$match" ]] && pool_ids+=("$(json_field id "$match")")
done < <(grep -oE '"id":"[^"]*"' <<<"$http_body" || true)
((${#pool_ids[@]})) || fail "pool: $pool has no servers (expected: at least one)"
if ((${#selected[@]} == 0)); then
  selected=("${pool_ids[@]}")
fi
for id in "${selected[@]}"; do
  [[ " ${pool_ids[*]} " == *" $id "* ]] || fail "servers: $id (expected: one of ${pool_ids[*]})"
done

echo "Upgrading ${selected[*]} of pool $pool through $admin"
for id in "${selected[@]}"; do
  upgrade "$id"
done
echo "Upgraded ${selected[*]} of pool $pool in ${SECONDS}s."
