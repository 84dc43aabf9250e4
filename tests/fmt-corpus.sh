#!/bin/sh
# fmt-corpus.sh SBPLC FMT_VERIFY CORPUS -- `sbplc fmt` on every file of the
# shared corpus (MANIFEST.tsv): for each file that parses, FMT_VERIFY checks
# that the output has the same datum tree and comments and is a fixed point,
# and `sbplc fmt --check` accepts the output; a file with syntax errors must
# be refused with status 1 and left alone.  Exit 77 (skip) without a corpus.
set -u
sbplc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
verify=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
corpus=$3
if [ ! -f "$corpus/MANIFEST.tsv" ]; then
	echo "SKIP: no corpus at $corpus (set SBPLC_CORPUS)"
	exit 77
fi
cd "$corpus" || exit 2
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0 ok=0 skipped=0 bad=0
for path in $(awk -F'\t' 'NR > 1 { print $1 }' MANIFEST.tsv); do
	n=$((n + 1))
	before=$(cksum < "$path")
	line=$("$verify" "$path")
	status=$?
	case $status:$line in
	0:ok*)
		"$sbplc" fmt "$path" > "$tmp/out.sb"
		if ! "$sbplc" fmt --check "$tmp/out.sb" > /dev/null; then
			echo "FAIL $path: 'sbplc fmt --check' rejects the output of 'sbplc fmt'"
			bad=$((bad + 1))
		else
			ok=$((ok + 1))
		fi ;;
	0:skip*)
		"$sbplc" fmt --check "$path" > /dev/null 2>&1
		s=$?
		if [ $s -ne 1 ]; then
			echo "FAIL $path: a file with syntax errors gave status $s, not 1"
			bad=$((bad + 1))
		else
			skipped=$((skipped + 1))
		fi ;;
	*)
		echo "$line (status $status)"
		bad=$((bad + 1)) ;;
	esac
	if [ "$(cksum < "$path")" != "$before" ]; then
		echo "FAIL $path: the file changed"
		bad=$((bad + 1))
	fi
done
echo "fmt corpus: $n files, $ok formatted and verified, $skipped refused (syntax errors); $bad failed"
[ $bad -eq 0 ]
