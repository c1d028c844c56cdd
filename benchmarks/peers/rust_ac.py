#!/usr/bin/env python3
"""Peer: the Rust `aho-corasick` crate (DFA) through PyPI `ahocorasick-rs`.

Same CLI and output as matcher-bench:
  rust_ac.py --patterns FILE --haystack FILE [--mode overlapping|leftmost-longest]
prints one JSON line
  {"patterns":N,"haystack_bytes":N,"matches":N,"build_ms":X,"search_s":X,"mb_per_s":X}

overlapping      -> MatchKind.Standard, find_matches_as_indexes(overlapping=True)
leftmost-longest -> MatchKind.LeftmostLongest, non-overlapping

Note: search_s includes the wrapper materialising one Python (idx, start, end)
tuple per match; with ~10^6 matches that is a visible share of the time.
"""

import argparse
import json
import sys
import time

try:
    from ahocorasick_rs import BytesAhoCorasick, Implementation, MatchKind
except ImportError:
    sys.exit("rust_ac.py: module ahocorasick_rs missing (pip install ahocorasick-rs)")


def read_patterns(path):
    with open(path, "rb") as f:
        data = f.read()
    # one pattern per line, bytes taken exactly; empty lines ignored
    return [line for line in data.split(b"\n") if line]


def main():
    ap = argparse.ArgumentParser(description="Rust aho-corasick (DFA) peer")
    ap.add_argument("--patterns", required=True)
    ap.add_argument("--haystack", required=True)
    ap.add_argument("--mode", choices=["overlapping", "leftmost-longest"], default="overlapping")
    args = ap.parse_args()

    patterns = read_patterns(args.patterns)
    with open(args.haystack, "rb") as f:
        haystack = f.read()

    if args.mode == "overlapping":
        kind, overlapping = MatchKind.Standard, True
    else:
        kind, overlapping = MatchKind.LeftmostLongest, False

    t0 = time.perf_counter()
    ac = BytesAhoCorasick(patterns, matchkind=kind, implementation=Implementation.DFA)
    t1 = time.perf_counter()
    matches = ac.find_matches_as_indexes(haystack, overlapping=overlapping)
    t2 = time.perf_counter()

    n = len(matches)
    search_s = t2 - t1
    out = {
        "patterns": len(patterns),
        "haystack_bytes": len(haystack),
        "matches": n,
        "build_ms": round((t1 - t0) * 1e3, 3),
        "search_s": round(search_s, 6),
        "mb_per_s": round(len(haystack) / 1e6 / search_s, 2) if search_s > 0 else 0.0,
    }
    print(json.dumps(out, separators=(",", ":")))


if __name__ == "__main__":
    main()
