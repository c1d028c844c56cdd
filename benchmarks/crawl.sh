#!/usr/bin/env bash
# Crawl throughput: `spoor scan` against Scrapy on the same fixture marketplace, in the same run.
#
#   benchmarks/crawl.sh [--sites N] [--listings-per-site N] [--concurrency N] [--per-host N]
#                       [--runs N] [--server-cpu N] [--crawler-cpu N] [--skip-scrapy]
#
# Defaults: 20 sites x 1000 listings (20,000 listing pages, plus index pages) on
# 127.0.0.2-21, 64 fetches in flight, 8 per host, 1 run each, the server (`spoor demo --serve`,
# release build) pinned to cpu 0 and each crawler to cpu 1, one after the other.
#
# Both crawlers start from the 20 home pages, obey robots.txt, follow every link on the same
# hosts and read the pages' structured data (Scrapy: JSON-LD Product fields; Spoor: JSON-LD,
# microdata and OpenGraph, then classifies every listing, which Scrapy does not do). No
# politeness delay: this measures the crawler, not the sites.
#
# Prints one JSON line per crawler run ({"engine","pages","listings","seconds","pages_per_s",
# "cpu_s","cpu_s_per_1000_pages","peak_rss_mb"}) and the ratios Spoor/Scrapy; appends the lines
# to benchmarks/.data/crawl-results.jsonl.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
DATA="$HERE/.data"
SITES=20 LISTINGS=1000 CONCURRENCY=64 PER_HOST=8 RUNS=1 SERVER_CPU=0 CRAWLER_CPU=1 SKIP_SCRAPY=0
while [ $# -gt 0 ]; do
    case "$1" in
        --sites) SITES="$2"; shift ;;
        --listings-per-site) LISTINGS="$2"; shift ;;
        --concurrency) CONCURRENCY="$2"; shift ;;
        --per-host) PER_HOST="$2"; shift ;;
        --runs) RUNS="$2"; shift ;;
        --server-cpu) SERVER_CPU="$2"; shift ;;
        --crawler-cpu) CRAWLER_CPU="$2"; shift ;;
        --skip-scrapy) SKIP_SCRAPY=1 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "crawl.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
mkdir -p "$DATA"
RESULTS="$DATA/crawl-results.jsonl"

"$ROOT/scripts/install-system-deps"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
if [ "$SKIP_SCRAPY" = 0 ] && ! python3 -c 'import scrapy' 2>/dev/null; then
    echo "crawl.sh: installing scrapy from PyPI" >&2
    python3 -m pip install -q scrapy >&2
fi
swift build -c release --package-path "$ROOT" --product spoor >&2
SPOOR="$ROOT/.build/release/spoor"

# The marketplace, on its own core.
LOG="$(mktemp)"
taskset -c "$SERVER_CPU" "$SPOOR" demo --serve --sites "$SITES" --listings-per-site "$LISTINGS" --crawl-delay 0 >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 100); do grep -q '^Serving' "$LOG" && break; sleep 0.1; done
grep -q '^Serving' "$LOG" || { cat "$LOG" >&2; echo "crawl.sh: the fixture server did not start" >&2; exit 1; }
mapfile -t SEEDS < <(grep -E '^[a-z]' "$LOG" | grep -v '^Serving' | cut -f2)
HOSTS=()
for seed in "${SEEDS[@]}"; do HOSTS+=(--allow-host "$(echo "$seed" | sed -E 's#^http://([^:/]+).*#\1#')"); done
SEED_ARGS=()
for seed in "${SEEDS[@]}"; do SEED_ARGS+=(--seed "$seed"); done
echo "crawl.sh: ${#SEEDS[@]} sites x $LISTINGS listings, concurrency $CONCURRENCY, $PER_HOST per host" >&2

run_spoor() {
    local out stats
    out="$(mktemp)"
    stats="$( { /usr/bin/time -f '%e %U %S %M' taskset -c "$CRAWLER_CPU" "$SPOOR" scan "${SEED_ARGS[@]}" "${HOSTS[@]}" \
        --delay 0 --per-host "$PER_HOST" --concurrency "$CONCURRENCY" --max-pages 1000000 --max-depth 100 \
        --out "$out" 2>&1 >/dev/null | tail -2; } 2>&1 )"
    python3 - "$out" "$stats" <<'EOF'
import json, sys
out, stats = sys.argv[1], sys.argv[2].strip().splitlines()
summary = json.loads(stats[0])
elapsed, user, system, rss_kb = stats[-1].split()
cpu = float(user) + float(system)
pages = summary["pages"]
listings = sum(1 for _ in open(out))
print(json.dumps({"engine": "spoor", "pages": pages, "listings": listings, "seconds": float(elapsed),
                  "pages_per_s": round(pages / float(elapsed), 1), "cpu_s": round(cpu, 3),
                  "cpu_s_per_1000_pages": round(cpu * 1000 / pages, 3), "peak_rss_mb": round(int(rss_kb) / 1024, 1)}))
EOF
    rm -f "$out"
}

run_scrapy() {
    local stats line
    stats="$( { /usr/bin/time -f '%e %U %S %M' taskset -c "$CRAWLER_CPU" python3 "$HERE/peers/scrapy_crawl.py" \
        --seeds "${SEEDS[@]}" --concurrency "$CONCURRENCY" --per-host "$PER_HOST" 2>&1 | tail -2; } 2>&1 )"
    python3 - "$stats" <<'EOF'
import json, sys
lines = sys.argv[1].strip().splitlines()
result = json.loads(lines[-2])
elapsed, user, system, rss_kb = lines[-1].split()
result["seconds"] = float(elapsed)
result["pages_per_s"] = round(result["pages"] / float(elapsed), 1)
result["cpu_s"] = round(float(user) + float(system), 3)
result["cpu_s_per_1000_pages"] = round(result["cpu_s"] * 1000 / result["pages"], 3)
result["peak_rss_mb"] = round(int(rss_kb) / 1024, 1)
print(json.dumps(result))
EOF
}

BEST_SPOOR="" BEST_SCRAPY=""
for run in $(seq "$RUNS"); do
    line="$(run_spoor)"; echo "$line"; echo "$line" >> "$RESULTS"
    BEST_SPOOR="$(python3 -c 'import json,sys; a=[json.loads(x) for x in sys.argv[1:] if x]; print(json.dumps(max(a, key=lambda r: r["pages_per_s"])))' "$BEST_SPOOR" "$line")"
    if [ "$SKIP_SCRAPY" = 0 ]; then
        line="$(run_scrapy)"; echo "$line"; echo "$line" >> "$RESULTS"
        BEST_SCRAPY="$(python3 -c 'import json,sys; a=[json.loads(x) for x in sys.argv[1:] if x]; print(json.dumps(max(a, key=lambda r: r["pages_per_s"])))' "$BEST_SCRAPY" "$line")"
    fi
done
if [ "$SKIP_SCRAPY" = 0 ]; then
    python3 - "$BEST_SPOOR" "$BEST_SCRAPY" <<'EOF'
import json, sys
spoor, scrapy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"pages: spoor {spoor['pages']}, scrapy {scrapy['pages']}")
print(f"pages/s: spoor {spoor['pages_per_s']}, scrapy {scrapy['pages_per_s']} -> {spoor['pages_per_s'] / scrapy['pages_per_s']:.2f}x (target 3x)")
print(f"cpu s per 1000 pages: spoor {spoor['cpu_s_per_1000_pages']}, scrapy {scrapy['cpu_s_per_1000_pages']} -> {scrapy['cpu_s_per_1000_pages'] / spoor['cpu_s_per_1000_pages']:.2f}x less")
print(f"peak memory: spoor {spoor['peak_rss_mb']} MB, scrapy {scrapy['peak_rss_mb']} MB -> {spoor['peak_rss_mb'] / scrapy['peak_rss_mb']:.2f} of scrapy's")
EOF
fi
