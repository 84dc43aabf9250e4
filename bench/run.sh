#!/bin/sh
# run.sh SBPLC -- time `sbplc lint` on generated 100,000- and 1,000,000-rule
# profiles in the same run and report the ratio: near 10 means linear.
set -u
sbplc=$1
dir=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v n=100000 -f "$dir/gen.awk" > "$tmp/100k.sb"
awk -v n=1000000 -f "$dir/gen.awk" > "$tmp/1m.sb"
measure() {   # prints seconds (and max RSS in MiB when GNU time exists)
	if /usr/bin/time -f '%e %M' true >/dev/null 2>&1; then
		/usr/bin/time -f '%e %M' "$sbplc" lint -q -W no-regex-unanchored "$1" 2>&1 >/dev/null | tail -1
	else
		start=$(date +%s); "$sbplc" lint -q "$1" >/dev/null 2>&1; end=$(date +%s)
		echo "$((end - start)) 0"
	fi
}
set -- $(measure "$tmp/100k.sb"); t1=$1 m1=$2
set -- $(measure "$tmp/1m.sb"); t2=$1 m2=$2
echo "lint 100,000 rules:   ${t1} s, $((m1 / 1024)) MiB ($(wc -c < "$tmp/100k.sb") bytes)"
echo "lint 1,000,000 rules: ${t2} s, $((m2 / 1024)) MiB ($(wc -c < "$tmp/1m.sb") bytes)"
awk -v a="$t1" -v b="$t2" 'BEGIN { if (a > 0) printf "time ratio 1M/100k: %.1f (10 is linear)\n", b / a }'
awk -v a="$m1" -v b="$m2" 'BEGIN { if (a > 0) printf "memory ratio 1M/100k: %.1f\n", b / a }'
