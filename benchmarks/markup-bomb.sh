#!/usr/bin/env bash
# Peak memory of `spoor scan` on markup bombs: pages that are small on the wire and huge once
# parsed (gzip of N MiB of `<p>a</p>`, 2.6 million nodes for 10 MiB), all fetched at once.
#
#   benchmarks/markup-bomb.sh [--bombs N] [--mb M] [--concurrency N] [--per-host N] [--deep N] [--baseline BIN]
#
#   --bombs N        markup bombs on the page the scan starts from (default 16)
#   --mb M           MiB each bomb inflates to (default 10, the default --max-body-mib)
#   --concurrency N  fetches in flight, as `spoor scan --concurrency` (default 32, spoor's default)
#   --per-host N     fetches in flight to the one hostile host (default: the concurrency, so that
#                    every bomb arrives at once, as from N hosts; spoor's default is 2)
#   --deep N         also link N pages of a million nested <div>s (default 4)
#   --baseline BIN   also scan with another spoor binary (a build without the parse limits) and
#                    print the ratio of the peak memories
#
# Serves the hostile fixture site (`hostile-serve`, built from this package) on 127.0.0.60, then
# runs `spoor scan --seed .../markup-bombs?n=N&mb=M --delay 0` under /usr/bin/time and prints one
# JSON line per binary: {"binary","pages","listings","parse_truncated","seconds","cpu_s",
# "peak_rss_mb"}; appends them to benchmarks/.data/markup-bomb-results.jsonl. The target of
# issue 12 is a peak RSS under 200 MB. Exit status is non-zero only if a build or a run fails.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
DATA="$HERE/.data"
BOMBS=16 MB=10 CONCURRENCY=32 PER_HOST="" DEEP=4 BASELINE=""
while [ $# -gt 0 ]; do
    case "$1" in
        --bombs) BOMBS="$2"; shift ;;
        --mb) MB="$2"; shift ;;
        --concurrency) CONCURRENCY="$2"; shift ;;
        --per-host) PER_HOST="$2"; shift ;;
        --deep) DEEP="$2"; shift ;;
        --baseline) BASELINE="$2"; shift ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "markup-bomb.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
PER_HOST="${PER_HOST:-$CONCURRENCY}"
mkdir -p "$DATA"
RESULTS="$DATA/markup-bomb-results.jsonl"

"$ROOT/scripts/install-system-deps"
command -v /usr/bin/time >/dev/null || { echo "markup-bomb.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
swift build -c release --package-path "$ROOT" --product spoor >&2
swift build -c release --package-path "$HERE" --product hostile-serve >&2
SPOOR="$ROOT/.build/release/spoor"
SERVE="$HERE/.build/release/hostile-serve"

LOG="$(mktemp)"
"$SERVE" --host 60 --warm "$MB" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 200); do grep -q '^Serving' "$LOG" && break; sleep 0.1; done
grep -q '^Serving' "$LOG" || { cat "$LOG" >&2; echo "markup-bomb.sh: the hostile site did not start" >&2; exit 1; }
BASE="$(grep '^hostile' "$LOG" | cut -f2)"
BASE="${BASE%/}"
HOST="$(echo "$BASE" | sed -E 's#^http://([^:/]+).*#\1#')"
SEEDS=(--seed "$BASE/markup-bombs?n=$BOMBS&mb=$MB")
for i in $(seq "$DEEP"); do SEEDS+=(--seed "$BASE/deep?n=1000000&i=$i"); done
echo "markup-bomb.sh: $BOMBS bombs of $MB MiB and $DEEP deep pages at $BASE, concurrency $CONCURRENCY, $PER_HOST per host" >&2

run() {  # run BIN LABEL
    local out err stats
    out="$(mktemp)" err="$(mktemp)" stats="$(mktemp)"
    /usr/bin/time -o "$stats" -f '%e %U %S %M' "$1" scan "${SEEDS[@]}" --allow-host "$HOST" --delay 0 \
        --concurrency "$CONCURRENCY" --per-host "$PER_HOST" --max-pages $((BOMBS + DEEP + 1)) --max-depth 1 \
        --verbose --out "$out" 2>"$err" >/dev/null
    python3 - "$2" "$out" "$err" "$(tail -1 "$stats")" <<'EOF'
import json, sys
label, out, err, stats = sys.argv[1:5]
elapsed, user, system, rss_kb = stats.split()
pages = truncated = 0
for line in open(err, errors="replace"):
    try:
        event = json.loads(line)
    except ValueError:
        continue
    if event.get("event") == "page":
        pages += 1
        truncated += "parse_truncated" in event
listings = sum(1 for _ in open(out))
print(json.dumps({"binary": label, "pages": pages, "listings": listings, "parse_truncated": truncated,
                  "seconds": float(elapsed), "cpu_s": round(float(user) + float(system), 2),
                  "peak_rss_mb": round(int(rss_kb) / 1024, 1)}))
EOF
    rm -f "$out" "$err" "$stats"
}

NEW="$(run "$SPOOR" spoor)"
echo "$NEW"; echo "$NEW" >> "$RESULTS"
if [ -n "$BASELINE" ]; then
    OLD="$(run "$BASELINE" baseline)"
    echo "$OLD"; echo "$OLD" >> "$RESULTS"
    python3 - "$NEW" "$OLD" <<'EOF'
import json, sys
new, old = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"peak RSS: {old['peak_rss_mb']} MB before, {new['peak_rss_mb']} MB after -> {old['peak_rss_mb'] / new['peak_rss_mb']:.1f}x less (target: under 200 MB)")
print(f"listings read: {old['listings']} before, {new['listings']} after")
EOF
fi
