#!/usr/bin/env python3
"""Runs the engines for compare.sh, checks match counts, prints the table.

Not meant to be called by hand (compare.sh sets everything up), but it works:
  run_compare.py --haystack H --data D --sets 3k,30k --runs 3 --spoor BIN|"" \
                 --rust rust_ac.py --hyperscan hs_count --results R.jsonl -- taskset -c 1
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys

MODES = ["overlapping", "leftmost-longest"]
KEYS = ["patterns", "haystack_bytes", "matches", "build_ms", "search_s", "mb_per_s"]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def run_once(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        return None, f"exit {p.returncode}: {p.stderr.strip()[-800:]}"
    lines = [l for l in p.stdout.splitlines() if l.strip().startswith("{")]
    if not lines:
        return None, f"no JSON line on stdout: {p.stdout.strip()[-300:]!r} {p.stderr.strip()[-300:]}"
    try:
        r = json.loads(lines[-1])
    except ValueError as e:
        return None, f"bad JSON ({e}): {lines[-1][:300]}"
    missing = [k for k in KEYS if k not in r]
    if missing:
        return None, f"JSON line lacks {missing}: {lines[-1][:300]}"
    return r, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--haystack", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--sets", default="3k,30k")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cpu", default="")
    ap.add_argument("--spoor", default="")
    ap.add_argument("--rust", required=True)
    ap.add_argument("--hyperscan", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("pin", nargs="*", help="command prefix, e.g. taskset -c 1")
    args = ap.parse_args()

    engines = []
    if args.spoor:
        engines.append(("spoor", [args.spoor], MODES))
    engines.append(("rust", [sys.executable, args.rust], MODES))
    engines.append(("hyperscan", [args.hyperscan], ["overlapping"]))
    sets = [s for s in args.sets.split(",") if s]

    out = open(args.results, "w")

    def record(obj):
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.flush()

    meta = {"record": "meta", "time": datetime.datetime.now().isoformat(timespec="seconds"),
            "host": platform.node(), "cpu": cpu_model(), "nproc": os.cpu_count(),
            "pinned_cpu": args.cpu, "haystack": os.path.basename(args.haystack),
            "haystack_bytes": os.path.getsize(args.haystack), "runs": args.runs, "sets": sets,
            "engines": [e for e, _, _ in engines]}
    manifest = os.path.join(args.data, "manifest.json")
    if os.path.exists(manifest):
        try:
            meta["data"] = json.load(open(manifest))
        except ValueError:
            pass
    record(meta)
    if not args.spoor:
        print("NOTE: spoor skipped (SKIP_SPOOR=1): peers only", file=sys.stderr)

    best = {}        # (set, mode, engine) -> result with best search_s (+ min build_ms)
    counts = {}      # (set, mode) -> {engine: set(matches)}
    failures = []
    for s in sets:
        pats = os.path.join(args.data, f"patterns-{s}.txt")
        for mode in MODES:
            for name, cmd, modes in engines:
                if mode not in modes:
                    continue
                full = list(args.pin) + cmd + ["--patterns", pats, "--haystack", args.haystack, "--mode", mode]
                for k in range(1, args.runs + 1):
                    print(f"  {s:>4} {mode:<16} {name:<9} run {k}/{args.runs} ...", end="", file=sys.stderr,
                          flush=True)
                    r, err = run_once(full)
                    if err:
                        print(" FAILED", file=sys.stderr)
                        failures.append(f"{name} {s} {mode}: {err}")
                        record({"record": "error", "engine": name, "set": s, "mode": mode, "run": k,
                                "error": err})
                        break
                    print(f" {r['mb_per_s']:.1f} MB/s, {r['matches']} matches", file=sys.stderr)
                    record({"record": "run", "engine": name, "set": s, "mode": mode, "run": k, **r})
                    counts.setdefault((s, mode), {}).setdefault(name, set()).add(
                        (r["matches"], r["patterns"], r["haystack_bytes"]))
                    key = (s, mode, name)
                    b = best.get(key)
                    if b is None or r["search_s"] < b["search_s"]:
                        nb = dict(r)
                        nb["build_ms"] = min(r["build_ms"], b["build_ms"]) if b else r["build_ms"]
                        best[key] = nb
                    elif r["build_ms"] < b["build_ms"]:
                        b["build_ms"] = r["build_ms"]

    # ---- agreement check ----
    mismatches = []
    for (s, mode), per in counts.items():
        allv = set().union(*per.values())
        if len(allv) > 1:
            detail = ", ".join(f"{e}={sorted(v)}" for e, v in per.items())
            mismatches.append(f"set {s} mode {mode}: (matches, patterns, haystack_bytes) differ: {detail}")

    for (s, mode, name), b in best.items():
        record({"record": "best", "engine": name, "set": s, "mode": mode, **{k: b[k] for k in KEYS}})

    # ---- table ----
    print()
    print(f"haystack {meta['haystack']} ({meta['haystack_bytes'] / 1e6:.1f} MB), best of {args.runs}, "
          f"cpu {args.cpu or 'unpinned'} ({meta['cpu']})")
    hdr = f"{'set':>5}  {'mode':<16} {'engine':<10} {'matches':>10} {'build_ms':>10} {'search_s':>9} {'MB/s':>9}"
    print(hdr)
    print("-" * len(hdr))
    for s in sets:
        for mode in MODES:
            for name, _, _ in engines:
                b = best.get((s, mode, name))
                if b:
                    print(f"{s:>5}  {mode:<16} {name:<10} {b['matches']:>10} {b['build_ms']:>10.1f} "
                          f"{b['search_s']:>9.4f} {b['mb_per_s']:>9.1f}")
    print()
    print("ratios (search throughput; build = construction time):")
    for s in sets:
        for mode in MODES:
            sp, ru, hs = (best.get((s, mode, e)) for e in ("spoor", "rust", "hyperscan"))
            parts = []
            if sp and ru:
                r = sp["mb_per_s"] / ru["mb_per_s"]
                parts.append(f"spoor/rust {r:5.2f}x {'ok' if r >= 1.0 else 'BELOW TARGET 1.0'}")
            if hs and sp:
                parts.append(f"hyperscan/spoor {hs['mb_per_s'] / sp['mb_per_s']:5.2f}x")
            if hs and ru and not sp:
                parts.append(f"hyperscan/rust {hs['mb_per_s'] / ru['mb_per_s']:5.2f}x")
            if sp and ru:
                parts.append(f"build spoor {sp['build_ms']:.0f} ms vs rust {ru['build_ms']:.0f} ms")
            if sp and hs:
                parts.append(f"hyperscan {hs['build_ms']:.0f} ms")
            if parts:
                print(f"  {s:>5} {mode:<16} " + "; ".join(parts))
    print(f"\nresults: {args.results}")

    status = 0
    if failures:
        print("\nENGINE FAILURES:", file=sys.stderr)
        for f in failures:
            print("  " + f, file=sys.stderr)
        status = 1
    if mismatches:
        bar = "!" * 72
        print(f"\n{bar}\n!!! MISMATCH: engines disagree on match counts\n{bar}", file=sys.stderr)
        for m in mismatches:
            print("  " + m, file=sys.stderr)
        record({"record": "mismatch", "details": mismatches})
        status = 1
    out.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
