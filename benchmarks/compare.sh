#!/usr/bin/env bash
# Spoor matcher vs. peers (Rust aho-corasick via ahocorasick-rs, Hyperscan).
#
#   benchmarks/compare.sh [--quick] [--sets 3k,30k[,100k]] [--runs N] [--cpu N]
#
#   --quick        32 MiB haystack, 1 run per engine (default: 128 MiB, 3 runs)
#   --sets LIST    pattern sets to run (default 3k,30k; 100k is available)
#   --runs N       runs per engine/set/mode, best search time kept
#   --cpu N        core to pin to with taskset (default 1, or $BENCH_CPU)
#
# Environment: SKIP_SPOOR=1 benchmarks the peers only (e.g. before matcher-bench
# exists).  Results go to benchmarks/.data/results.jsonl.  Exit status is
# non-zero if any engine fails or the match counts disagree (MISMATCH).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"   # .../benchmarks
DATA="$HERE/.data"
QUICK=0
SETS="3k,30k"
RUNS=""
CPU="${BENCH_CPU:-1}"

while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --sets) SETS="${2:?--sets needs a value}"; shift ;;
        --sets=*) SETS="${1#--sets=}" ;;
        --runs) RUNS="${2:?--runs needs a value}"; shift ;;
        --runs=*) RUNS="${1#--runs=}" ;;
        --cpu) CPU="${2:?--cpu needs a value}"; shift ;;
        --cpu=*) CPU="${1#--cpu=}" ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
for s in ${SETS//,/ }; do
    case "$s" in 3k|30k|100k) ;; *) echo "compare.sh: unknown set '$s' (3k, 30k, 100k)" >&2; exit 2 ;; esac
done
if [ "$QUICK" = 1 ]; then MB=32; HAY="$DATA/haystack-32mb.txt"; RUNS="${RUNS:-1}"
else MB=128; HAY="$DATA/haystack.txt"; RUNS="${RUNS:-3}"; fi

say() { printf '==> %s\n' "$*" >&2; }
SUDO=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null && SUDO="sudo"

# ---- 1. dependencies (installed only if missing) -------------------------
if ! command -v gcc >/dev/null || ! command -v pkg-config >/dev/null || ! pkg-config --exists libhs 2>/dev/null; then
    say "installing libhyperscan-dev pkg-config build-essential"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y libhyperscan-dev pkg-config build-essential
fi
if ! python3 -c 'import ahocorasick_rs' 2>/dev/null; then
    say "installing ahocorasick-rs (pip)"
    python3 -m pip install --quiet ahocorasick-rs
fi
PIN=()
if command -v taskset >/dev/null; then
    if taskset -c "$CPU" true 2>/dev/null; then PIN=(taskset -c "$CPU")
    else say "WARNING: cannot pin to cpu $CPU; trying cpu 0"; CPU=0; PIN=(taskset -c 0); fi
else
    say "WARNING: taskset missing (util-linux); runs are not pinned"; CPU=""
fi

# ---- 2. data (generated if missing or older than the generator) ----------
GEN="$HERE/scripts/gen_data.py"
stale() { [ ! -s "$1" ] || [ "$GEN" -nt "$1" ]; }
need_patterns=0
for s in 3k 30k 100k; do stale "$DATA/patterns-$s.txt" && need_patterns=1; done
if [ "$need_patterns" = 1 ] || stale "$HAY"; then
    say "generating data ($MB MiB haystack)"
    python3 "$GEN" --mb "$MB" --haystack-name "$(basename "$HAY")"
fi

# ---- 3. builds -----------------------------------------------------------
SPOOR=""
if [ "${SKIP_SPOOR:-0}" = 1 ]; then
    say "SKIP_SPOOR=1: not building or running spoor's matcher-bench (peers only)"
else
    say "building matcher-bench (swift build -c release --package-path benchmarks)"
    if ! swift build -c release --package-path "$HERE" --product matcher-bench >&2; then
        echo "compare.sh: ERROR: matcher-bench did not build; fix it, or run with SKIP_SPOOR=1 to benchmark the peers only" >&2
        exit 1
    fi
    SPOOR="$(swift build -c release --package-path "$HERE" --show-bin-path)/matcher-bench"
    [ -x "$SPOOR" ] || { echo "compare.sh: ERROR: $SPOOR missing after build (SKIP_SPOOR=1 to skip)" >&2; exit 1; }
fi
HS="$DATA/hs_count"
if [ ! -x "$HS" ] || [ "$HERE/peers/hs_count.c" -nt "$HS" ]; then
    say "building hs_count"
    # shellcheck disable=SC2046
    gcc -O2 -Wall -o "$HS" "$HERE/peers/hs_count.c" $(pkg-config --cflags --libs libhs)
fi

# ---- 4. run, check, report -------------------------------------------------
exec python3 "$HERE/scripts/run_compare.py" \
    --haystack "$HAY" --data "$DATA" --sets "$SETS" --runs "$RUNS" --cpu "$CPU" \
    --spoor "$SPOOR" --rust "$HERE/peers/rust_ac.py" --hyperscan "$HS" \
    --results "$DATA/results.jsonl" -- "${PIN[@]}"
