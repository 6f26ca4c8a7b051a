# The fault part of bench/scale-out.sh (sourced by it, not run on its own: it uses that script's replicas,
# nginx, start_replica and wait_ready). Under load that nginx's cache cannot answer, one replica is killed with
# SIGKILL (no graceful shutdown: in-flight requests and kept-alive connections die with it) and later restarted
# on the same port with the same arguments. Passes when no client request failed, at least MIN_REACHED of the
# requests reached a replica, and the restarted replica answered requests again; exits 1 otherwise.
# shellcheck shell=bash

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  echo "bench/scale-out-faults.sh is a part of bench/scale-out.sh: run that" >&2
  exit 1
fi

# The load must come from wrk: its summary is what says how many requests the client saw fail.
command -v wrk >/dev/null || { echo "FAIL: the fault part needs wrk (apt-get install wrk)" >&2; exit 1; }

say "faults: $CONNECTIONS connections of unique-URL GETs through nginx; SIGKILL of replica $VICTIM after ${KILL_AFTER}s, restart ${DOWN_FOR}s later, ${UP_FOR}s more once it is ready"
: >"$RUN/access.log"
: >"$RUN/error.log"
"$NGINX" -p "$RUN/" -c "$CONF" -s reopen 2>/dev/null
sleep 0.5

# wrk runs until it is stopped (SIGINT makes it stop and still print its summary): the restart takes as long as
# the replica needs to start, and the last phase is timed from when it is ready. -d is only a backstop.
# --timeout 5s: a client that waited longer than that for a GET has, for this check, lost it (wrk counts it).
FAULT_START=$(now)
wrk -t2 -c"$CONNECTIONS" -d$((KILL_AFTER + DOWN_FOR + UP_FOR + 60))s --timeout 5s \
  -s bench/scale-out-faults.lua "$BASE" -- "$(date +%s)" >"$RUN/faults-wrk.txt" 2>&1 &
WRK_PID=$!

sleep "$KILL_AFTER"
KILLED_PID=${REPLICA_PID[$VICTIM]}
kill -KILL "$KILLED_PID"
KILLED=$(now)
wait "$KILLED_PID" 2>/dev/null || true
echo "  killed replica $VICTIM (pid $KILLED_PID) at +$(awk -v a="$FAULT_START" -v b="$KILLED" 'BEGIN { printf "%.1f", b - a }')s"

sleep "$DOWN_FOR"
RESTARTED=$(now)
start_replica "$VICTIM"
wait_ready "$VICTIM"
READY=$(now)
awk -v a="$FAULT_START" -v r="$RESTARTED" -v b="$READY" 'BEGIN {
  printf "  restarted it at +%.1fs; ready (/health/ready 200) at +%.1fs, %.1fs after the restart\n", r - a, b - a, b - r }'

sleep "$UP_FOR"
kill -INT "$WRK_PID"
STOPPED=$(now)
wait "$WRK_PID" || { echo "FAIL: wrk exited with an error:" >&2; cat "$RUN/faults-wrk.txt" >&2; exit 1; }
WRK_PID=""
# Requests still in flight when wrk stops are closed by it: nginx logs them a moment after STOPPED (as 499,
# or as 200 when the answer was already on its way), and they are left out of the phases.
sleep 0.5

say "faults: what the client saw (wrk)"
CLIENT=$(grep '^{' "$RUN/faults-wrk.txt" | tail -1)
[[ -n "$CLIENT" ]] || { echo "FAIL: no summary from wrk:" >&2; cat "$RUN/faults-wrk.txt" >&2; exit 1; }
jq -r '"  \(.requests) requests in \(.seconds) s; latency p50 \(.latency_p50_ms) ms, p99 \(.latency_p99_ms) ms, max \(.latency_max_ms) ms",
  "  socket errors: connect \(.connect_errors), read \(.read_errors), write \(.write_errors), timeout \(.timeouts)",
  "  responses with a status of 400 or more: \(.status_400_or_more)",
  "  client-failed requests: \(.connect_errors + .read_errors + .write_errors + .timeouts + .status_400_or_more)"' <<<"$CLIENT"
CLIENT_FAILED=$(jq '.connect_errors + .read_errors + .write_errors + .timeouts + .status_400_or_more' <<<"$CLIENT")

say "faults: where nginx sent them (access log: \$upstream_addr, \$upstream_status)"
# Each logged request is placed by the time it was answered: before the kill, while the replica was down (kill
# to ready), after the restart. The replica that answered is the last of $upstream_addr; earlier entries are
# attempts that failed and were passed on. A request reached a replica when one answered it (not a 502/504 that
# nginx wrote itself, and not "-", an answer from nginx's cache).
SUMMARY=$(awk -v killed="$KILLED" -v ready="$READY" -v stopped="$STOPPED" -v victim="$VICTIM" \
  -v a="${REPLICA_PORTS[0]}" -v b="${REPLICA_PORTS[1]}" -v min="$MIN_REACHED" '
  function port(address) { sub(/^.*:/, "", address); return address }
  {
    t = $2 + 0; status = $3
    if (t > stopped) { if (status !~ /^2/ && status != 499) late_bad++; next }
    match($0, /upstream="[^"]*"/); addrs = substr($0, RSTART + 10, RLENGTH - 11)
    match($0, /upstream_status="[^"]*"/); statuses = substr($0, RSTART + 17, RLENGTH - 18)
    p = (t < killed) ? 1 : (t < ready) ? 2 : 3
    n[p]++
    tries = split(addrs, A, /, /); split(statuses, S, /, /)
    if (addrs != "-" && S[tries] !~ /^50[24]$/) {
      reached[p]++; by[p, port(A[tries])]++
      if (p == 3 && port(A[tries]) == victim && (back == "" || t < back)) { back = t; back_took = $5 }
    }
    if (tries > 1) retried[p]++
    if (status !~ /^2/) failed[p]++
  }
  END {
    name[1] = "before kill"; name[2] = "down (kill to ready)"; name[3] = "after restart"; name[4] = "all"
    for (p = 1; p <= 3; p++) {
      n[4] += n[p]; reached[4] += reached[p]; retried[4] += retried[p]; failed[4] += failed[p]
      by[4, a] += by[p, a]; by[4, b] += by[p, b]
    }
    printf "  %-22s %9s %9s %9s %9s %8s %8s %7s\n", "phase", "requests", "to " a, "to " b, "reached", "share", "retried", "failed"
    ok = 1
    for (p = 1; p <= 4; p++) {
      share = n[p] ? reached[p] / n[p] : 0
      printf "  %-22s %9d %9d %9d %9d %8.4f %8d %7d\n", name[p], n[p], by[p, a], by[p, b], reached[p], share, retried[p] + 0, failed[p] + 0
      if (share < min) { ok = 0; printf "FAIL: only %.4f of the requests %s reached a replica (at least %.2f must)\n", share, name[p], min }
    }
    if (back == "") { ok = 0; printf "FAIL: the restarted replica %s answered no request after the restart\n", victim }
    else printf "  the first request the restarted replica answered after it was ready: sent at %+.2fs from then, answered in %.2fs\n", back - back_took - ready, back_took
    if (failed[4] + late_bad) { ok = 0; printf "FAIL: nginx answered %d requests with a status other than 2xx\n", failed[4] + late_bad }
    if (!ok) exit 1
  }' "$RUN/access.log") && FAULTS_OK=1 || FAULTS_OK=0
echo "$SUMMARY"

# What nginx met on the way (every one of these was passed to the other replica, or the table says so).
printf '  nginx error log: %s refused connects, %s resets, %s closed before the header, %s timeouts, %s "no live upstreams"\n' \
  "$(grep -c 'Connection refused' "$RUN/error.log" || true)" "$(grep -c 'reset by peer' "$RUN/error.log" || true)" \
  "$(grep -c 'prematurely closed' "$RUN/error.log" || true)" "$(grep -c 'timed out' "$RUN/error.log" || true)" \
  "$(grep -c 'no live upstreams' "$RUN/error.log" || true)"

if [[ "$CLIENT_FAILED" != 0 ]]; then
  echo "FAIL: $CLIENT_FAILED client requests failed while a replica was killed and restarted" >&2
  FAULTS_OK=0
fi
[[ "$FAULTS_OK" == 1 ]] || exit 1
echo "  faults: passed"
