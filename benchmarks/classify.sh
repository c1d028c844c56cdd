#!/usr/bin/env bash
# `spoor classify` throughput against the target of 50,000 listings/s on one core.
#
#   benchmarks/classify.sh [--quick] [--runs N] [--cpu N] [--baseline BIN]
#
#   --quick      20k-listing stream and 10k wildlife-heavy lines, 1 run each
#                (default: 100k stream, 50k wildlife-heavy, 3 runs)
#   --runs N     runs per case, best kept (classify-bench passes / CLI processes)
#   --cpu N      core to pin to with taskset (default 1, or $BENCH_CPU)
#   --baseline BIN  also time another spoor binary (an older build) on the stream, its runs
#                interleaved with the new one's, and print the speed-up: on a shared machine
#                the ratio of the same run is the figure to trust
#
# Cases, all pinned to one core:
#   detector/stream  classify-bench (Detector.classify in memory) on the generated stream
#   cli/stream       `spoor classify FILE >/dev/null` end to end (read, decode, classify,
#                    encode, write), timed as a process, peak RSS from /usr/bin/time
#   detector/heavy   classify-bench on the labelled test fixture replicated: every listing
#                    names wildlife (rules run on all of them), the worst case
# Prints a table (listings/s and the ratio to the target) and appends one JSON line per
# case to benchmarks/.data/classify-results.jsonl.  Exit status is non-zero only if a
# build or a run fails; being below the target is reported, not an error.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"   # .../benchmarks
ROOT="$(dirname "$HERE")"
DATA="$HERE/.data"
RESULTS="$DATA/classify-results.jsonl"
TARGET=50000
QUICK=0
RUNS=""
CPU="${BENCH_CPU:-1}"
BASELINE=""

while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --runs) RUNS="${2:?--runs needs a value}"; shift ;;
        --runs=*) RUNS="${1#--runs=}" ;;
        --cpu) CPU="${2:?--cpu needs a value}"; shift ;;
        --cpu=*) CPU="${1#--cpu=}" ;;
        --baseline) BASELINE="${2:?--baseline needs a spoor binary}"; shift ;;
        --baseline=*) BASELINE="${1#--baseline=}" ;;
        -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "classify.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ "$QUICK" = 1 ]; then STREAM_N=20000; HEAVY_N=10000; RUNS="${RUNS:-1}"
else STREAM_N=100000; HEAVY_N=50000; RUNS="${RUNS:-3}"; fi
case "$RUNS" in ''|*[!0-9]*|0) echo "classify.sh: --runs must be a positive integer" >&2; exit 2 ;; esac

say() { printf '==> %s\n' "$*" >&2; }

# ---- 1. prerequisites (nothing is installed here) ------------------------------------
python3 -c 'import yaml' 2>/dev/null || {
    echo "classify.sh: needs python3 with PyYAML (apt-get install python3-yaml)" >&2; exit 1; }
if ! command -v pkg-config >/dev/null || ! pkg-config --exists libpcre2-8 2>/dev/null; then
    echo "classify.sh: spoor needs pkg-config and libpcre2-dev; run scripts/test or scripts/demo once (they install them)" >&2
    exit 1
fi
PIN=()
if command -v taskset >/dev/null; then
    if taskset -c "$CPU" true 2>/dev/null; then PIN=(taskset -c "$CPU")
    else say "WARNING: cannot pin to cpu $CPU; trying cpu 0"; CPU=0; PIN=(taskset -c 0); fi
else
    say "WARNING: taskset missing (util-linux); runs are not pinned"; CPU=""
fi
TIME=()
if [ -x /usr/bin/time ]; then TIME=(/usr/bin/time -f '%e %M' -o "$DATA/.time.out")
else say "WARNING: /usr/bin/time missing (Debian package 'time'); no peak RSS for the CLI"; fi

# ---- 2. data (generated if missing or older than the generator/source) ----------------
GEN="$HERE/scripts/gen_listings.py"
FIXTURE="$ROOT/Tests/SpoorDetectTests/Fixtures/labelled-listings.jsonl"
STREAM="$DATA/listings-$((STREAM_N / 1000))k.jsonl"
HEAVY="$DATA/labelled-$((HEAVY_N / 1000))k.jsonl"
mkdir -p "$DATA"
if [ ! -s "$STREAM" ] || [ "$GEN" -nt "$STREAM" ] || [ "$ROOT/watchlists/cites-online.yaml" -nt "$STREAM" ]; then
    say "generating $(basename "$STREAM") ($STREAM_N listings)"
    python3 "$GEN" --count "$STREAM_N" --out "$STREAM"
fi
if [ ! -s "$HEAVY" ] || [ "$GEN" -nt "$HEAVY" ] || [ "$FIXTURE" -nt "$HEAVY" ]; then
    say "generating $(basename "$HEAVY") (test fixture replicated to $HEAVY_N lines)"
    python3 "$GEN" --from "$FIXTURE" --count "$HEAVY_N" --out "$HEAVY"
fi

# ---- 3. builds -------------------------------------------------------------------------
say "building spoor (swift build -c release --product spoor, root package)"
swift build -c release --package-path "$ROOT" --product spoor >&2 \
    || { echo "classify.sh: ERROR: spoor did not build" >&2; exit 1; }
SPOOR="$(swift build -c release --package-path "$ROOT" --show-bin-path)/spoor"
say "building classify-bench (swift build -c release --package-path benchmarks)"
swift build -c release --package-path "$HERE" --product classify-bench >&2 \
    || { echo "classify.sh: ERROR: classify-bench did not build" >&2; exit 1; }
BENCH="$(swift build -c release --package-path "$HERE" --show-bin-path)/classify-bench"
for exe in "$SPOOR" "$BENCH"; do [ -x "$exe" ] || { echo "classify.sh: ERROR: $exe missing after build" >&2; exit 1; }; done
DETECTOR_ARGS=(--watchlist "$ROOT/watchlists" --rules "$ROOT/rules")

# ---- 4. runs ---------------------------------------------------------------------------
# Busy share of each cpu between two /proc/stat snapshots, to judge how noisy the timings are:
# before the runs (half a second) and during them (the pinned cpu is then ~100% by design;
# the others show what else was running).
snap() { grep '^cpu[0-9]' /proc/stat 2>/dev/null || true; }
busy_between() {
    [ -n "$1" ] && [ -n "$2" ] || { echo unknown; return; }
    paste <(echo "$1") <(echo "$2") | awk '{
        n = (NF - 2) / 2; t1 = 0; t2 = 0
        for (i = 2; i <= n + 1; i++) { t1 += $i; t2 += $(i + n + 1) }
        idle1 = $5 + $6; idle2 = $(5 + n + 1) + $(6 + n + 1)
        dt = t2 - t1; printf "%s%s:%d%%", (NR > 1 ? " " : ""), $1, (dt > 0 ? 100 * (1 - (idle2 - idle1) / dt) : 0) }'
}
S0="$(snap)"; sleep 0.5; S1="$(snap)"
BUSY="$(busy_between "$S0" "$S1")"
say "cpu load before the runs: $BUSY (pinned to cpu ${CPU:-none})"

say "detector/stream: classify-bench on $(basename "$STREAM"), $RUNS pass(es)"
A="$("${PIN[@]}" "$BENCH" "${DETECTOR_ARGS[@]}" --repeats "$RUNS" "$STREAM")"
echo "$A" >&2

if [ -n "$BASELINE" ] && [ ! -x "$BASELINE" ]; then echo "classify.sh: --baseline $BASELINE is not an executable" >&2; exit 2; fi
say "cli/stream: spoor classify $(basename "$STREAM") >/dev/null, $RUNS run(s)${BASELINE:+, interleaved with $BASELINE}"
CLI_RUNS=()
BASE_BEST=""
for ((i = 1; i <= RUNS; i++)); do
    if [ -n "$BASELINE" ]; then
        start=$(date +%s%N)
        "${PIN[@]}" "$BASELINE" classify "${DETECTOR_ARGS[@]}" "$STREAM" >/dev/null
        us=$(( ($(date +%s%N) - start) / 1000 ))
        if [ -z "$BASE_BEST" ] || [ "$us" -lt "$BASE_BEST" ]; then BASE_BEST=$us; fi
        echo "   baseline run $i: $(awk -v us=$us 'BEGIN { printf "%.3f s", us / 1e6 }')" >&2
    fi
    start=$(date +%s%N)
    "${PIN[@]}" "${TIME[@]}" "$SPOOR" classify "${DETECTOR_ARGS[@]}" "$STREAM" >/dev/null
    end=$(date +%s%N)
    rss=null
    if [ ${#TIME[@]} -gt 0 ]; then rss="$(awk 'END { print $2 }' "$DATA/.time.out")"; fi
    CLI_RUNS+=("$(( (end - start) / 1000 )) $rss")
    echo "   run $i: $(awk -v us=$(( (end - start) / 1000 )) 'BEGIN { printf "%.3f s", us / 1e6 }'), peak RSS ${rss} KiB" >&2
done
rm -f "$DATA/.time.out"

say "detector/heavy: classify-bench on $(basename "$HEAVY"), $RUNS pass(es)"
C="$("${PIN[@]}" "$BENCH" "${DETECTOR_ARGS[@]}" --repeats "$RUNS" "$HEAVY")"
echo "$C" >&2

BUSY_DURING="$(busy_between "$S1" "$(snap)")"
say "cpu load during the runs: $BUSY_DURING"

# ---- 5. report -------------------------------------------------------------------------
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ "$COMMIT" != unknown ] && [ -n "$(git -C "$ROOT" status --porcelain -- Sources Package.swift 2>/dev/null)" ]; then
    COMMIT="$COMMIT+dirty"
fi
STREAM_LINES="$(grep -c . "$STREAM")"
export A C BUSY BUSY_DURING COMMIT CPU RUNS TARGET RESULTS STREAM HEAVY STREAM_LINES BASE_BEST BASELINE
python3 - "${CLI_RUNS[@]}" <<'PY'
import json, os, sys, time
from pathlib import Path

target = int(os.environ["TARGET"])
common = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "commit": os.environ["COMMIT"],
          "cpu": os.environ["CPU"] or None, "cpu_busy_before": os.environ["BUSY"],
          "cpu_busy_during": os.environ["BUSY_DURING"],
          "runs": int(os.environ["RUNS"]), "target_listings_per_s": target}
a, c = json.loads(os.environ["A"]), json.loads(os.environ["C"])
runs = [r.split() for r in sys.argv[1:]]
secs = [int(us) / 1e6 for us, _ in runs]
rss = [int(k) for _, k in runs if k != "null"]
n = int(os.environ["STREAM_LINES"])
best = min(secs)
cli = {"listings": n, "seconds": round(best, 3), "listings_per_s": round(n / best),
       "us_per_listing": round(best / n * 1e6, 3), "peak_rss_kib": max(rss) if rss else None,
       "run_seconds": [round(s, 3) for s in secs]}
if os.environ.get("BASE_BEST"):
    cli["baseline"] = os.environ["BASELINE"]
    cli["baseline_seconds"] = round(int(os.environ["BASE_BEST"]) / 1e6, 3)
rows = [("detector/stream", os.environ["STREAM"], a), ("cli/stream", os.environ["STREAM"], cli),
        ("detector/heavy", os.environ["HEAVY"], c)]

print()
print(f"spoor classify throughput, one core (cpu {common['cpu']}), best of {common['runs']}; "
      f"target {target:,} listings/s; commit {common['commit']}")
print(f"{'case':<17} {'input':<22} {'listings':>9} {'flagged':>8} {'seconds':>8} {'listings/s':>11} "
      f"{'us/listing':>10} {'vs target':>10}  notes")
with open(os.environ["RESULTS"], "a", encoding="utf-8") as out:
    for case, path, r in rows:
        ratio = r["listings_per_s"] / target
        if case == "cli/stream":
            note = f"peak RSS {r['peak_rss_kib'] / 1024:.0f} MiB" if r["peak_rss_kib"] else ""
        else:
            note = f"build {r['build_ms']:.0f} ms, decode {r['decode_s']:.2f} s (untimed)"
        flag = "" if ratio >= 1 else "  BELOW TARGET"
        print(f"{case:<17} {Path(path).name:<22} {r['listings']:>9,} {str(r.get('flagged', '-')):>8} "
              f"{r['seconds']:>8.3f} {r['listings_per_s']:>11,} {r['us_per_listing']:>10.2f} "
              f"{ratio:>9.2f}x  {note}{flag}")
        out.write(json.dumps({**common, "case": case, "input": Path(path).name, **r,
                              "ratio_to_target": round(ratio, 3)}) + "\n")
if os.environ.get("BASE_BEST"):
    base = int(os.environ["BASE_BEST"]) / 1e6
    print(f"\ncli/stream against the baseline {os.environ['BASELINE']}: {base:.3f} s -> {best:.3f} s, "
          f"{base / best:.2f}x (best of {common['runs']} interleaved runs each)")
print(f"\nappended {len(rows)} lines to {os.environ['RESULTS']}; cpu busy before the runs: {common['cpu_busy_before']}, "
      f"during: {common['cpu_busy_during']} (cpu {common['cpu']} is the pinned one)")
PY
