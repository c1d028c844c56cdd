#!/usr/bin/env bash
# Generates seed inputs for the fuzz targets from the repository's own fixtures and, when it is
# there, from ../shared/fixtures (beside the repository), into OUT/<target>/ (default
# fuzz/.seeds). Nothing generated here is committed: run.sh calls this before every run.
# Needs only coreutils, sed and iconv (part of libc-bin).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
out=${1:-$here/.seeds}
shared=$(cd "$repo/.." && pwd)/shared/fixtures

rm -rf "$out"
mkdir -p "$out"/{normalizer,listing-json,structured-data,robots,css-selector,charset}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One seed file per line of standard input, named by target and line number.
lines_to_seeds() {  # target prefix
    split -l 1 -a 5 -d - "$out/$1/$2-"
}

jsonl=("$repo/examples/listings.jsonl" "$repo/Tests/SpoorDetectTests/Fixtures/labelled-listings.jsonl")

# Listing lines, as they are.
cat "${jsonl[@]}" | lines_to_seeds listing-json listing

# Normalizer: listing titles and descriptions, watchlist terms, rule examples.
sed -n -e 's/.*"title": *"\([^"]*\)".*/\1/p' -e 's/.*"description": *"\([^"]*\)".*/\1/p' "${jsonl[@]}" \
    | lines_to_seeds normalizer listing
grep -h -v '^ *#' "$repo"/watchlists/*.yaml | grep -F '[' | sed 's/^ *//' | lines_to_seeds normalizer watchlist
grep -h -E '^ *(match|no_match):' "$repo"/rules/*.yaml | sed 's/^ *//' | lines_to_seeds normalizer rule

# CSS selectors of the site profiles.
grep -rhoE 'css: *"[^"]*"' "$repo/sites" | sed 's/^css: *"\(.*\)"$/\1/' | lines_to_seeds css-selector profile

# Charset: a multilingual page in each encoding, with the header telling the truth, lying
# (UTF-8), or missing with a <meta> instead.
sed -n 's/.*"title": *"\([^"]*\)".*/\1/p' "${jsonl[@]}" > "$tmp/titles.txt"
for pair in GB18030:gbk CP932:shift_jis EUC-JP:euc-jp CP949:euc-kr BIG5-HKSCS:big5 KOI8-R:koi8-r \
            CP1251:windows-1251 ISO-8859-7:iso-8859-7 CP874:windows-874 ISO-2022-JP:iso-2022-jp \
            UTF-16LE:utf-16le UTF-16BE:utf-16be WINDOWS-1252:latin1; do
    enc=${pair%%:*} label=${pair#*:}
    { printf '<html><head><title>'; head -c 1500 "$tmp/titles.txt"; printf '</title></head></html>'; } \
        | iconv -c -f UTF-8 -t "$enc" > "$tmp/body" 2>/dev/null || continue
    { printf 'text/html; charset=%s\n' "$label"; cat "$tmp/body"; } > "$out/charset/$label-header"
    { printf 'text/html; charset=utf-8\n'; cat "$tmp/body"; } > "$out/charset/$label-lying-header"
    case $enc in UTF-16*) continue ;; esac
    { printf '\n<meta charset="%s">' "$label"; cat "$tmp/body"; } > "$out/charset/$label-meta"
done

# Real pages, when ../shared is there: structured data and charset (a header line first).
if [ -d "$shared/real-pages" ]; then
    for page in "$shared"/real-pages/*.html; do
        name=$(basename "$page" .html)
        cp "$page" "$out/structured-data/$name.html"
        { printf 'text/html; charset=UTF-8\n'; head -c 16000 "$page"; } > "$out/charset/$name-utf8"
        { printf '\n'; head -c 16000 "$page"; } > "$out/charset/$name-sniffed"
    done
else
    echo "fuzz: ../shared/fixtures not found; seeding from the repository only" >&2
fi
