#!/bin/sh
# check-corpus.sh SBPLC CORPUS -- lint every file of the shared corpus as its
# MANIFEST.tsv says (parameters, imports, preludes) and fail on findings that
# a correct linter must never produce there.  Exit 77 (skip) without a corpus.
set -u
sbplc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
corpus=$2
if [ ! -f "$corpus/MANIFEST.tsv" ]; then
	echo "SKIP: no corpus at $corpus (set SBPLC_CORPUS)"
	exit 77
fi
cd "$corpus" || exit 2
# Rules that mean sbplc failed to read or understand a valid profile.
never='syntax-error|unsupported-construct|unbound-variable|unknown-operation|unknown-filter|unknown-modifier'
start=$(date +%s)
n=0 bad=0
# Tab is IFS white space, so `read` would merge empty columns: re-separate
# the fields with the unit separator first.
us=$(printf '\037')
awk -F'\t' -v OFS="$us" '{ $1 = $1; print }' MANIFEST.tsv > "${TMPDIR:-/tmp}/sbplc-manifest.$$"
trap 'rm -f "${TMPDIR:-/tmp}/sbplc-manifest.$$"' EXIT
while IFS="$us" read -r path kind prelude args notes; do
	[ "$path" = path ] && continue
	case $kind in
	profile|fragment) forbidden=$never ;;
	template|missing-import|scheme-lib) forbidden='syntax-error' ;;
	invalid) forbidden='' ;;
	*) echo "unknown kind '$kind' for $path"; bad=$((bad + 1)); continue ;;
	esac
	set --
	for p in $prelude; do set -- "$@" --prelude "$p"; done
	# shellcheck disable=SC2086 # args is a word list by design
	out=$("$sbplc" lint --format=json $args "$@" "$path" 2>&1)
	status=$?
	n=$((n + 1))
	if [ $status -gt 2 ]; then
		echo "CRASH ($status): $path"; bad=$((bad + 1)); continue
	fi
	if [ -n "$forbidden" ] &&
	   printf '%s\n' "$out" | grep -Eq "\"rule\": \"($forbidden)\""; then
		echo "FAIL ($kind): $path"
		printf '%s\n' "$out" | grep -E -B8 "\"rule\": \"($forbidden)\"" | grep -E '"(line|rule|message)"' | head -12
		bad=$((bad + 1))
	fi
done < "${TMPDIR:-/tmp}/sbplc-manifest.$$"
end=$(date +%s)
echo "corpus: $n files linted in $((end - start)) s; $bad failed"
[ $bad -eq 0 ]
