#!/bin/sh
# run.sh SBPLC -- time `sbplc lint`, `sbplc compile` and `sbplc fmt` on
# generated 100,000- and 1,000,000-rule profiles in the same run and report
# the ratios: near 10 means linear.  Wall time on a busy machine is noisy; CPU
# time (user + sys) is reported too.
set -u
if [ "${1:-}" = --run ]; then   # internal: one command, for /usr/bin/time
	sbplc=$2
	shift 2
	case $1 in
	lint) exec "$sbplc" lint -q "$2" ;;
	lint-all) exec "$sbplc" lint -q -W note=regex-unanchored "$2" ;;
	compile) exec "$sbplc" compile -q -W no-duplicate-rule --fail-on=error "$2" -o /dev/null ;;
	fmt) exec "$sbplc" fmt "$2" ;;
	esac
	exit 2
fi
sbplc=$1
dir=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v n=100000 -f "$dir/gen.awk" > "$tmp/100k.sb"
awk -v n=1000000 -f "$dir/gen.awk" > "$tmp/1m.sb"
measure() {   # prints wall seconds, max RSS in KiB, CPU seconds (0 without GNU time)
	if /usr/bin/time -f '%e %M %U %S' true >/dev/null 2>&1; then
		/usr/bin/time -f '%e %M %U %S' sh "$0" --run "$sbplc" "$1" "$2" 2>&1 >/dev/null | tail -1 |
			awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }'
	else
		start=$(date +%s); sh "$0" --run "$sbplc" "$1" "$2" >/dev/null 2>&1; end=$(date +%s)
		echo "$((end - start)) 0 0"
	fi
}
findings() {
	"$sbplc" lint --format=json "$1" 2>/dev/null | grep -c '"rule":'
}
echo "profiles: 100,000 rules ($(wc -c < "$tmp/100k.sb") bytes, $(findings "$tmp/100k.sb") findings)," \
     "1,000,000 rules ($(wc -c < "$tmp/1m.sb") bytes, $(findings "$tmp/1m.sb") findings)"
for cmd in lint compile fmt; do
	set -- $(measure "$cmd" "$tmp/100k.sb"); t1=$1 m1=$2 c1=$3
	set -- $(measure "$cmd" "$tmp/1m.sb"); t2=$1 m2=$2 c2=$3
	echo "$cmd 100,000 rules:   ${t1} s (cpu ${c1} s), $((m1 / 1024)) MiB"
	echo "$cmd 1,000,000 rules: ${t2} s (cpu ${c2} s), $((m2 / 1024)) MiB"
	awk -v a="$t1" -v b="$t2" -v c="$c1" -v d="$c2" -v e="$m1" -v f="$m2" -v k="$cmd" 'BEGIN {
		if (a > 0 && c > 0 && e > 0)
			printf "%s ratios 1M/100k: time %.1f, cpu %.1f, memory %.1f (10 is linear)\n",
			       k, b / a, d / c, f / e }'
done

# Adversarial shapes, each at n and 4n rules: about 4 is linear, 16 quadratic.
# "deep" grows its input as n^2 (one path gets longer with every rule), so its
# ratio is compared with the input's size ratio instead.
for shape in deep wide-any regex suppress same-span repeats one-line; do
	case $shape in deep) n=1000 ;; wide-any) n=20000 ;; *) n=50000 ;; esac
	awk -v shape="$shape" -v n="$n" -f "$dir/shapes.awk" > "$tmp/s1.sb"
	awk -v shape="$shape" -v n="$((n * 4))" -f "$dir/shapes.awk" > "$tmp/s4.sb"
	set -- $(measure lint-all "$tmp/s1.sb"); t1=$1 c1=$3
	set -- $(measure lint-all "$tmp/s4.sb"); t2=$1 c2=$3
	awk -v k="$shape" -v n="$n" -v a="$c1" -v b="$c2" -v x="$(wc -c < "$tmp/s1.sb")" \
	    -v y="$(wc -c < "$tmp/s4.sb")" 'BEGIN {
		printf "shape %-9s n=%-6d x4: cpu %.2f s -> %.2f s, ratio %s (input bytes x%.1f)\n",
		       k, n, a, b, (a > 0.05 ? sprintf("%.1f", b / a) : "n/a"), y / x }'
done
