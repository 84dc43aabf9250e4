#!/bin/sh
# run.sh SBPLC -- time `sbplc lint` on generated 100,000- and 1,000,000-rule
# profiles in the same run and report the ratios: near 10 means linear.
# Wall time on a busy machine is noisy; CPU time (user + sys) is reported too.
set -u
sbplc=$1
dir=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v n=100000 -f "$dir/gen.awk" > "$tmp/100k.sb"
awk -v n=1000000 -f "$dir/gen.awk" > "$tmp/1m.sb"
measure() {   # prints wall seconds, max RSS in KiB, CPU seconds (0 without GNU time)
	if /usr/bin/time -f '%e %M %U %S' true >/dev/null 2>&1; then
		/usr/bin/time -f '%e %M %U %S' "$sbplc" lint -q "$1" 2>&1 >/dev/null | tail -1 |
			awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
	else
		start=$(date +%s); "$sbplc" lint -q "$1" >/dev/null 2>&1; end=$(date +%s)
		echo "$((end - start)) 0 0"
	fi
}
findings() {
	"$sbplc" lint --format=json "$1" 2>/dev/null | grep -c '"rule":'
}
set -- $(measure "$tmp/100k.sb"); t1=$1 m1=$2 c1=$3
set -- $(measure "$tmp/1m.sb"); t2=$1 m2=$2 c2=$3
echo "lint 100,000 rules:   ${t1} s (cpu ${c1} s), $((m1 / 1024)) MiB ($(wc -c < "$tmp/100k.sb") bytes, $(findings "$tmp/100k.sb") findings)"
echo "lint 1,000,000 rules: ${t2} s (cpu ${c2} s), $((m2 / 1024)) MiB ($(wc -c < "$tmp/1m.sb") bytes, $(findings "$tmp/1m.sb") findings)"
awk -v a="$t1" -v b="$t2" 'BEGIN { if (a > 0) printf "time ratio 1M/100k: %.1f (10 is linear)\n", b / a }'
awk -v a="$c1" -v b="$c2" 'BEGIN { if (a > 0) printf "cpu time ratio 1M/100k: %.1f\n", b / a }'
awk -v a="$m1" -v b="$m2" 'BEGIN { if (a > 0) printf "memory ratio 1M/100k: %.1f\n", b / a }'
