#!/usr/bin/env bash
# Builds Spoor's fuzz targets (libFuzzer + AddressSanitizer) and runs each for a while.
#
#   fuzz/run.sh [--seconds N] [--no-build] [target...] [-- libFuzzer options...]
#
# Targets: normalizer listing-json structured-data robots css-selector charset (default: all).
# Each runs for N seconds (default 60), one after another, on its corpus: fuzz/.corpus/<target>
# (kept between runs, grows), fuzz/seeds/<target> (committed) and fuzz/.seeds/<target>
# (generated from fixtures by seeds.sh). Full libFuzzer output goes to fuzz/.logs/<target>.log;
# a crash, leak, timeout or out-of-memory input is kept in fuzz/crashes/<target>/ and its report
# printed. Exits non-zero if any target failed. See fuzz/README.md for long runs.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
all=(normalizer listing-json structured-data robots css-selector charset)

seconds=60
build=1
targets=()
extra=()
while [ $# -gt 0 ]; do
    case $1 in
        --seconds) seconds=$2; shift 2 ;;
        --seconds=*) seconds=${1#*=}; shift ;;
        --no-build) build=0; shift ;;
        --) shift; extra=("$@"); break ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "fuzz: unknown option $1" >&2; exit 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for t in "${targets[@]}"; do
    [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz: unknown target '$t' (known: ${all[*]})" >&2; exit 2; }
done

# Per target: the longest input to try, and the time one input may take.
max_len() {
    case $1 in
        structured-data) echo 32768 ;; charset) echo 16384 ;; listing-json|robots) echo 8192 ;;
        css-selector) echo 512 ;; *) echo 4096 ;;
    esac
}
timeout_for() { case $1 in structured-data|charset) echo 20 ;; *) echo 10 ;; esac; }

if [ "$(basename "$repo")" = fuzz ]; then
    # SwiftPM names a path dependency after its directory: `..` would clash with this package.
    echo "fuzz: the repository's directory is named 'fuzz', which SwiftPM confuses with fuzz/; clone it under another name" >&2
    exit 2
fi

# SwiftPM's --sanitize=fuzzer makes libFuzzer's main the executable's entry point; the sanitizers
# themselves go in one -sanitize= flag: swiftc keeps only the last -sanitize= it is given, and
# SwiftPM emits one per --sanitize in no fixed order (fuzzer then address left code without
# coverage, address then fuzzer without ASan). -enable-testing: targets check internal paths.
flags=(-c release --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing)
cd "$here"
if [ $build = 1 ]; then
    echo "fuzz: building the fuzz targets (release, libFuzzer and AddressSanitizer)..."
    if ! swift build "${flags[@]}" > "$here/.build-log.txt" 2>&1; then
        tail -40 "$here/.build-log.txt" >&2
        echo "fuzz: build failed (full log: fuzz/.build-log.txt)" >&2
        exit 1
    fi
fi
bin=$(swift build "${flags[@]}" --show-bin-path)
for t in "${targets[@]}"; do
    # An uninstrumented build would fuzz blind and find nothing: refuse it.
    counters=$(SWIFT_BACKTRACE=enable=no "$bin/fuzz-$t" -runs=0 2>&1 | sed -n 's/.*Loaded 1 modules *(\([0-9]*\) inline 8-bit counters).*/\1/p' | head -1)
    if [ "${counters:-0}" -lt 5000 ]; then
        echo "fuzz: fuzz-$t has ${counters:-no} coverage counters: not built for libFuzzer" >&2
        exit 1
    fi
done

"$here/seeds.sh" "$here/.seeds"
mkdir -p "$here/.logs"

# libFuzzer reports crashes itself: no Swift backtracer (slow, and it would run first).
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:malloc_context_size=8:quarantine_size_mb=64}

# A figure from libFuzzer's last status line: figure "cov:" gives C.
figure() { printf '%s' "$last" | sed -n "s|.* $1 \([0-9]*\).*|\1|p"; }

failed=()
for t in "${targets[@]}"; do
    corpus=$here/.corpus/$t crashes=$here/crashes/$t log=$here/.logs/$t.log
    mkdir -p "$corpus" "$crashes"
    dirs=("$corpus")
    for d in "$here/seeds/$t" "$here/.seeds/$t"; do [ -d "$d" ] && dirs+=("$d"); done
    dict=()
    [ -f "$here/dict/$t.dict" ] && dict=("-dict=$here/dict/$t.dict")
    # Run from the log directory: with -jobs, libFuzzer writes fuzz-N.log files to the current one.
    (cd "$here/.logs" && "$bin/fuzz-$t" "${dirs[@]}" "${dict[@]}" -max_total_time="$seconds" \
        -max_len="$(max_len "$t")" -timeout="$(timeout_for "$t")" -rss_limit_mb=3072 \
        -artifact_prefix="$crashes/" -print_final_stats=1 "${extra[@]}") > "$log" 2>&1
    status=$?
    # The last status line: "#N DONE cov: C ft: F corp: K/S lim: L exec/s: E rss: R".
    last=$(grep -a -E '^#[0-9]+:?[[:space:]]' "$log" | tail -1)
    runs=$(LC_ALL=C sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    summary="${runs:-?} inputs, $(figure exec/s:) exec/s, cov $(figure cov:), ft $(figure ft:), corpus $(figure corp:)"
    if [ $status -eq 0 ]; then
        echo "fuzz-$t: clean after ${seconds} s: $summary"
    else
        failed+=("$t")
        echo "fuzz-$t: FAILED (exit $status): $summary"
        # The report: from the first error line to the saved input.
        LC_ALL=C sed -n '/fuzz invariant failed\|^==[0-9]*==ERROR\|ERROR: libFuzzer\|^Fatal error\|SUMMARY:/,/Test unit written to\|^Base64:/p' "$log" \
            | grep -a -v '^    #[0-9]* 0x[0-9a-f]* in \(fuzzer::\|__libc\|_start\|main \)' | head -60
        echo "fuzz-$t: full log fuzz/.logs/$t.log; inputs kept in fuzz/crashes/$t/"
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: ${#failed[@]} of ${#targets[@]} fuzz targets found a crash, leak or timeout: ${failed[*]}"
    exit 1
fi
echo "fuzz: ${#targets[@]} fuzz targets ran ${seconds} s each, nothing found"
