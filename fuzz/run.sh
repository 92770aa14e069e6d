#!/usr/bin/env bash
# Runs accord's fuzz targets one after the other, each for SECONDS
# (default 10), and prints one line per target: executions, seconds,
# crashes. Exits 1 when any target crashed (its input is left in
# fuzz/artifacts/TARGET/), 2 when the fuzzer cannot be built.
#
#   fuzz/run.sh [SECONDS] [TARGET…]      e.g. fuzz/run.sh 5  or  fuzz/run.sh 3600 pdf
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). It works on the
# stable toolchain: RUSTC_BOOTSTRAP=1 lets rustc take the flags libFuzzer's
# instrumentation needs, and no sanitizer is asked for (AddressSanitizer
# would need nightly; safe Rust needs it little). Each target starts from
# the committed regression inputs (fuzz/regressions/TARGET/, replayed first,
# so a fixed crash stays fixed) and the test fixtures, and keeps what it
# finds in fuzz/corpus/TARGET/ (not committed).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-10}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(query text markdown html pdf mail office quotes tokens date)
fi
if ! command -v cargo-fuzz >/dev/null; then
    echo "run.sh: cargo-fuzz is not installed; run: cargo install cargo-fuzz --locked" >&2
    exit 2
fi
export RUSTC_BOOTSTRAP=1
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
flags=(--sanitizer none --codegen-units 16 --target-dir "$target_dir")
if ! cargo fuzz build "${flags[@]}" >/dev/null 2>&1; then
    cargo fuzz build "${flags[@]}" || true
    echo "run.sh: the fuzz targets do not build" >&2
    exit 2
fi

# Seeds beside the regression inputs: the fixtures of each format.
seeds() {
    local f=../tests/fixtures
    case $1 in
    pdf) echo "$f/pdf $f/formats" ;;
    html) echo "$f/web $f/formats" ;;
    mail | office) echo "$f/formats" ;;
    markdown) echo "$f/site $f/formats" ;;
    text | quotes | tokens) echo "$f/basic $f/news $f/spin $f/wording" ;;
    *) echo "" ;;
    esac
}

failed=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "regressions/$t" "artifacts/$t"
    log=$(mktemp)
    # shellcheck disable=SC2046
    if cargo fuzz run "${flags[@]}" "$t" "corpus/$t" "regressions/$t" $(seeds "$t") -- \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=262144 \
        -artifact_prefix="artifacts/$t/" -print_final_stats=1 >"$log" 2>&1; then
        crashes=0
    else
        crashes=1
        failed=1
        grep -E "^(==|thread|SUMMARY|Test unit written|panicked)" "$log" | head -20 >&2 || true
    fi
    runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
    took=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -oE 'in [0-9]+' | grep -oE '[0-9]+' || echo "$seconds")
    echo "$t: $runs executions in $took s, $crashes crashes"
    rm -f "$log"
done
exit $failed
