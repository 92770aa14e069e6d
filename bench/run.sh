#!/usr/bin/env bash
# Benchmarks accord against raw tantivy, SQLite FTS5 and ripgrep on
# generated corpora and prints one markdown table per size (also written to
# bench/results/latest-<size>.md). See bench/README.md.
#
# Usage: bench/run.sh [--sizes 10MB,100MB,1GB] [--quick]
# Env:   ACCORD_BENCH_DIR  scratch dir for corpora and indexes (/tmp/accord-bench)
#        RUNS, WARMUP      hyperfine runs per query (20, 3; --quick: 10, 3)
#        SEED              corpus seed (42)
#        ACCORD_BIN        use this accord binary instead of building /work/main
#
# No `set -e`: a failing command becomes an "n/a" cell, never an abort.
set -uo pipefail

# ---------------------------------------------------------------------------
# accord commands: the one place to adjust when the CLI changes.
# Each prints a command line; $ACCORD, $CORPUS and $AINDEX are set per size.
accord_index_cmd() { cmd "$ACCORD" index --timings --corpus "$CORPUS" --index "$AINDEX"; }
accord_search_cmd() { # QUERY
    cmd "$ACCORD" search "$1" --corpus "$CORPUS" --index "$AINDEX" --limit 10 --color never
}
accord_search_no_refresh_cmd() { # QUERY
    cmd "$ACCORD" search "$1" --corpus "$CORPUS" --index "$AINDEX" --limit 10 --color never --no-refresh
}
accord_kwic_cmd() { cmd "$ACCORD" kwic "hacking back" --corpus "$CORPUS" --index "$AINDEX"; }
accord_variants_cmd() { cmd "$ACCORD" variants "hack back" --corpus "$CORPUS" --index "$AINDEX"; }
accord_quotes_cmd() { cmd "$ACCORD" quotes --speaker "Maria Lindqvist" --corpus "$CORPUS" --index "$AINDEX"; }
# accord's form of each query in the mix (the peers' forms are in set_queries).
declare -A ACCORD_QUERY=(
    [rare]='Wassenaar'
    [common]='cyberspace'
    [and]='ransomware attribution'
    [phrase]='"hacking back"'
    [speaker]='speaker:lindqvist cyberspace'
    [sentence]='' # set per corpus: 15 words taken from it
)
# ---------------------------------------------------------------------------

QUERIES=(rare common and phrase speaker sentence)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
BIN=$HERE/target/release
ACCORD=${ACCORD_BIN:-$ROOT/target/release/accord}
SCRATCH=${ACCORD_BENCH_DIR:-/tmp/accord-bench}
SEED=${SEED:-42}
SIZES=10MB,100MB,1GB
QUICK=0

while (($#)); do
    case $1 in
    --sizes) SIZES=${2:?--sizes needs a value}; shift 2 ;;
    --quick) QUICK=1; shift ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
if ((QUICK)); then
    SIZES=10MB RUNS=${RUNS:-10} WARMUP=${WARMUP:-3}
fi
RUNS=${RUNS:-20}
WARMUP=${WARMUP:-3}

# Shell-quotes its arguments into one command line. hyperfine runs it with
# --shell=none, so no shell start-up is counted in any peer's latency.
cmd() { printf '%q ' "$@"; }

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

install_missing() {
    local missing=()
    command -v rg >/dev/null || missing+=(ripgrep)
    command -v hyperfine >/dev/null || missing+=(hyperfine)
    command -v sqlite3 >/dev/null || missing+=(sqlite3)
    command -v python3 >/dev/null || missing+=(python3)
    [[ -x /usr/bin/time ]] || missing+=(time)
    ((${#missing[@]})) || return 0
    log "installing ${missing[*]}"
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null ||
        log "could not install ${missing[*]}; affected cells will read n/a"
}

build() {
    if [[ -z ${ACCORD_BIN:-} ]]; then
        log "building accord (release)"
        (cd "$ROOT" && cargo build --release --quiet) || log "accord build failed; its cells will read n/a"
    fi
    log "building bench tools"
    CARGO_TARGET_DIR=$HERE/target cargo build --release --quiet --manifest-path "$HERE/Cargo.toml" ||
        { log "bench build failed"; exit 2; }
}

# Generates the corpus unless one from the same generator, size and seed is
# already there (the stamp holds all three).
ensure_corpus() { # SIZE
    local stamp
    stamp="$1 seed=$SEED gen=$(sha1sum <"$BIN/gen-corpus" | cut -c1-12)"
    if [[ -f $CORPUS.stamp && $(<"$CORPUS.stamp") == "$stamp" ]]; then
        log "reusing $CORPUS"
        return
    fi
    log "generating $1 corpus in $CORPUS"
    rm -rf "$CORPUS" "$CORPUS.stamp"
    "$BIN/gen-corpus" --size "$1" --out "$CORPUS" --seed "$SEED" 2>>"$LOG" &&
        echo "$stamp" >"$CORPUS.stamp"
}

# Reads every corpus file so that the indexer about to be timed starts from
# a warm page cache. On the bench machine (a virtual machine) the kernel
# gives cached file pages back within seconds to minutes, so a corpus read
# by the previous tool may be cold again: without this, a 1 GB index run
# could include tens of seconds of disk reads, more for whichever tool came
# later.
warm_corpus() {
    find "$CORPUS" -type f -print0 | xargs -0 cat >/dev/null 2>&1
}

# Runs COMMAND once under /usr/bin/time -v and fills the indexing row KEY:
# wall s, MB/s of corpus text, peak RSS MB, size of OUTPUT in MB.
measure_index() { # KEY COMMAND OUTPUT
    local key=$1 command=$2 out=$3 t0 t1 rc wall rss
    log "indexing: $key"
    warm_corpus
    echo "+ $command" >>"$LOG"
    t0=$EPOCHREALTIME
    eval "/usr/bin/time -v -o $(cmd "$SCRATCH/time.txt") $command" >>"$LOG" 2>&1
    rc=$?
    t1=$EPOCHREALTIME
    if ((rc != 0)); then
        ROW[$key]="n/a (exit $rc) | | | "
        return
    fi
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    rss=$(awk '/Maximum resident set size/ { printf "%.0f", $NF / 1024 }' "$SCRATCH/time.txt")
    WALL[$key]=$wall
    ROW[$key]="$wall | $(awk -v b="$BYTES" -v w="$wall" 'BEGIN { printf "%.1f", b / 1e6 / w }') | $rss | $(mb "$out")"
}

mb() { du -sb "$1" 2>/dev/null | awk '{ printf "%.1f", $1 / 1e6 }' || printf "n/a"; }

# Times COMMAND as a whole process with hyperfine and sets CELL[KEY] to
# "median / p95" in ms (MED[KEY] to the median). Exit 1 means "no hits" for
# every tool here; it is still timed but flagged, as an empty answer is cheap.
latency() { # KEY COMMAND
    local key=$1 command=$2 rc json=$SCRATCH/hyperfine.json med p95 flag=""
    log "timing: $key"
    echo "+ $command" >>"$LOG"
    eval "$command" >/dev/null 2>"$SCRATCH/probe.err"
    rc=$?
    cat "$SCRATCH/probe.err" >>"$LOG"
    if ((rc > 1)) || { ((rc == 1)) && grep -qi error "$SCRATCH/probe.err"; }; then
        CELL[$key]="n/a (exit $rc)"
        return
    fi
    ((rc == 1)) && flag=" (no hits)"
    if ! hyperfine --shell=none --ignore-failure --warmup "$WARMUP" --runs "$RUNS" \
        --export-json "$json" "$command" >>"$LOG" 2>&1; then
        CELL[$key]="n/a (hyperfine failed)"
        return
    fi
    read -r med p95 < <(python3 "$HERE/util.py" stats "$json")
    MED[$key]=$med
    CELL[$key]="$med / $p95$flag"
}

# "N×" = A/B from two medians or wall times; n/a when either is missing.
ratio() { # A B
    if [[ -n ${1:-} && -n ${2:-} ]]; then
        awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f×", a / b }'
    else
        printf 'n/a'
    fi
}

# The peers' forms of each query: the nearest equivalent each tool offers.
# rg has no AND, so two-word queries use a same-line regex (each generated
# paragraph is one line); tantivy's parser ORs by default, so AND uses `+`;
# FTS5 ANDs bare words.
set_queries() {
    local s=${ACCORD_QUERY[sentence]}
    declare -gA RAW_QUERY=(
        [rare]='Wassenaar' [common]='cyberspace' [and]='+ransomware +attribution'
        [phrase]='"hacking back"' [speaker]='+lindqvist +cyberspace' [sentence]="$s")
    declare -gA FTS_QUERY=(
        [rare]='Wassenaar' [common]='cyberspace' [and]='ransomware attribution'
        [phrase]='"hacking back"' [speaker]='lindqvist cyberspace' [sentence]="$s")
    declare -gA RG_ARGS=(
        [rare]="-F Wassenaar" [common]="-F cyberspace"
        [and]="ransomware.*attribution|attribution.*ransomware"
        [phrase]="-F hacking back" [speaker]="lindqvist.*cyberspace|cyberspace.*lindqvist"
        [sentence]="-F $s")
}

rg_cmd() { # KEY
    local args=${RG_ARGS[$1]}
    if [[ $args == "-F "* ]]; then
        cmd rg -i -F -l "${args#-F }" "$CORPUS"
    else
        cmd rg -i -l "$args" "$CORPUS"
    fi
}

fts_cmd() { # FTS5-QUERY
    # One line: a newline would make %q emit $'..', which hyperfine can't parse.
    cmd sqlite3 -readonly "$FDB" "SELECT path, round(bm25(p), 2), snippet(p, 0, '[', ']', '...', 12) FROM p WHERE p MATCH '$1' ORDER BY rank LIMIT 10"
}

bench_size() { # SIZE
    local size=$1 q touched backup
    CORPUS=$SCRATCH/corpus-$size
    AINDEX=$SCRATCH/accord-index-$size
    RINDEX=$SCRATCH/raw-index-$size
    FDB=$SCRATCH/fts5-$size.db
    LOG=$SCRATCH/run-$size.log
    : >"$LOG"
    declare -gA ROW=() WALL=() CELL=() MED=()
    # Put back a document left appended to by an interrupted run.
    touched=$CORPUS/news/b0000/d0000000.txt
    backup=$SCRATCH/touched-$size.bak
    [[ -f $backup && -f $touched ]] && mv "$backup" "$touched"

    ensure_corpus "$size"
    BYTES=$(find "$CORPUS" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
    FILES=$(find "$CORPUS" -type f | wc -l)
    ACCORD_QUERY[sentence]=$(python3 "$HERE/util.py" sentence "$CORPUS")
    set_queries

    rm -rf "$AINDEX" "$RINDEX" "$FDB"
    measure_index accord "$(accord_index_cmd)" "$AINDEX"
    measure_index raw "$(cmd "$BIN/raw-index" "$CORPUS" "$RINDEX")" "$RINDEX"
    measure_index fts5 "$(cmd python3 "$HERE/fts5.py" "$CORPUS" "$FDB")" "$FDB"

    # Incremental: append a paragraph to one document and index again; the
    # document is put back at the end so the cached corpus stays as generated.
    cp "$touched" "$backup"
    printf '\nA sentence appended by the benchmark about hacking back.\n' >>"$touched"
    measure_index incremental "$(accord_index_cmd)" "$AINDEX"

    # The corpus is now unchanged since the last index run: what remains of
    # `search` time over `--no-refresh` is the freshness check.
    latency fresh "$(accord_search_cmd cyberspace)"
    latency norefresh "$(accord_search_no_refresh_cmd cyberspace)"

    for q in "${QUERIES[@]}"; do
        latency "accord-$q" "$(accord_search_cmd "${ACCORD_QUERY[$q]}")"
        latency "raw-$q" "$(cmd "$BIN/raw-search" "$RINDEX" "${RAW_QUERY[$q]}")"
        latency "fts5-$q" "$(fts_cmd "${FTS_QUERY[$q]}")"
        latency "rg-$q" "$(rg_cmd "$q")"
    done
    latency kwic "$(accord_kwic_cmd)"
    latency variants "$(accord_variants_cmd)"
    latency quotes "$(accord_quotes_cmd)"

    mv "$backup" "$touched"
    report "$size" | tee "$HERE/results/latest-$size.md"
}

report() { # SIZE
    local q
    cat <<EOF
## accord benchmark: $1 corpus

$(date -u +%F), accord $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "(no commit)"), \
$(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo).
Corpus: $FILES files, $(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB (seed $SEED), warm page cache.

### Indexing

| tool | wall s | MB/s | peak RSS MB | index MB |
|---|---|---|---|---|
| accord index | ${ROW[accord]:-n/a} |
| raw tantivy (2 threads) | ${ROW[raw]:-n/a} |
| SQLite FTS5 (python loader) | ${ROW[fts5]:-n/a} |
| accord re-index, 1 file changed | ${ROW[incremental]:-n/a} |

Wall time accord/raw = $(ratio "${WALL[accord]:-}" "${WALL[raw]:-}"), \
FTS5/accord = $(ratio "${WALL[fts5]:-}" "${WALL[accord]:-}").

accord's own $(grep -m1 '^stages' "$LOG" || echo "stages: n/a")

### Query latency: whole process, median / p95 ms ($RUNS runs, $WARMUP warm-up)

| query | accord | raw tantivy | FTS5 | rg | rg/accord | FTS5/accord | accord/raw |
|---|---|---|---|---|---|---|---|
EOF
    for q in "${QUERIES[@]}"; do
        printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$q" \
            "${CELL[accord-$q]:-n/a}" "${CELL[raw-$q]:-n/a}" "${CELL[fts5-$q]:-n/a}" "${CELL[rg-$q]:-n/a}" \
            "$(ratio "${MED[rg-$q]:-}" "${MED[accord-$q]:-}")" \
            "$(ratio "${MED[fts5-$q]:-}" "${MED[accord-$q]:-}")" \
            "$(ratio "${MED[accord-$q]:-}" "${MED[raw-$q]:-}")"
    done
    cat <<EOF

| accord command | median / p95 ms |
|---|---|
| search cyberspace (checks freshness) | ${CELL[fresh]:-n/a} |
| search cyberspace --no-refresh | ${CELL[norefresh]:-n/a} |
| kwic "hacking back" | ${CELL[kwic]:-n/a} |
| variants "hack back" | ${CELL[variants]:-n/a} |
| quotes --speaker "Maria Lindqvist" | ${CELL[quotes]:-n/a} |

Queries (accord / raw tantivy / FTS5 MATCH / rg over the corpus):
EOF
    for q in "${QUERIES[@]}"; do
        local rg=${RG_ARGS[$q]}
        [[ $rg == "-F "* ]] && rg="-F '${rg#-F }'" || rg="'$rg'"
        printf -- '- %s: `%s` / `%s` / `%s` / `rg -i -l %s`\n' "$q" "${ACCORD_QUERY[$q]}" \
            "${RAW_QUERY[$q]}" "${FTS_QUERY[$q]}" "$rg"
    done
    echo
    echo "Full commands and output: $LOG"
}

mkdir -p "$SCRATCH" "$HERE/results"
install_missing
build
IFS=, read -ra size_list <<<"$SIZES"
for size in "${size_list[@]}"; do
    bench_size "$size"
done
