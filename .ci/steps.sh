# Step timing for .ci/run: `step NAME` starts a step and ends the one before; the times of every step are
# printed at exit (a failed step is named, with how long it ran), so a step that grows is visible in every log.
# Scratch space for the run's tools (npm prefixes and the like), removed at exit.
CI_TMP="$(mktemp -d)"
export CI_TMP
step_names=()
step_seconds=()
step_current=""
step_started=0

step_end() {
    if [ -n "$step_current" ]; then
        local took=$((SECONDS - step_started))
        step_names+=("$step_current")
        step_seconds+=("$took")
        echo "== $step_current: ${took} s"
        step_current=""
    fi
}

step() {
    step_end
    step_current="$1"
    step_started=$SECONDS
    echo
    echo "== $1 (started $(date -u +%H:%M:%S) UTC)"
}

step_summary() {
    local status=$?
    if [ -n "$step_current" ] && [ "$status" -ne 0 ]; then
        echo "== FAILED: $step_current (exit $status after $((SECONDS - step_started)) s)"
    fi
    step_end
    echo
    echo "== step times"
    local i
    for i in "${!step_names[@]}"; do
        printf '%6s s  %s\n' "${step_seconds[$i]}" "${step_names[$i]}"
    done
    printf '%6s s  %s\n' "$SECONDS" "total"
    rm -rf "$CI_TMP"
    return "$status"
}

trap step_summary EXIT
