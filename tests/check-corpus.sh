#!/bin/sh
# check-corpus.sh SBPLC CORPUS [EQUIV] -- lint every file of the shared corpus
# as its MANIFEST.tsv says (parameters, imports, preludes) and fail on findings
# that a correct linter must never produce there.  With EQUIV (tests/equiv),
# also check that `compile` (and `compile --minimize`) of every profile and
# fragment, its `fmt` output, and `merge` of pairs of them, mean what the
# input meant (compile's output also being a fixed point).  Exit 77 (skip) without a corpus.
set -u
sbplc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
corpus=$2
equiv=
if [ $# -ge 3 ]; then
	equiv=$(cd "$(dirname "$3")" && pwd)/$(basename "$3")
fi
if [ ! -f "$corpus/MANIFEST.tsv" ]; then
	echo "SKIP: no corpus at $corpus (set SBPLC_CORPUS)"
	exit 77
fi
cd "$corpus" || exit 2
# Rules that mean sbplc failed to read or understand a valid profile.
never='syntax-error|unsupported-construct|unbound-variable|unknown-operation|unknown-filter|unknown-modifier'
start=$(date +%s)
n=0 bad=0 equivalent=0 merged=0 refused='' previous=
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
	[ -n "$equiv" ] || continue
	case $kind in profile|fragment) ;; *) continue ;; esac
	for mode in "" --minimize --fmt; do
		# shellcheck disable=SC2086 # args and mode are word lists by design
		eq=$("$equiv" $mode $args "$@" "$path" 2>&1)
		case $? in
		0) equivalent=$((equivalent + 1)) ;;
		2) refused="$refused $path"; break ;;  # errors in the input: compile refuses it
		*) echo "NOT EQUIVALENT (${mode:-compile}): $path"; printf '%s\n' "$eq" | head -12
		   bad=$((bad + 1)) ;;
		esac
	done
	# merge: this input after the previous plain one (no parameters, no prelude)
	if [ -z "$args" ] && [ -z "$prelude" ]; then
		if [ -n "$previous" ]; then
			eq=$("$equiv" "$previous" "$path" 2>&1)
			case $? in
			0) merged=$((merged + 1)) ;;
			2) ;;
			*) echo "NOT EQUIVALENT (merge): $previous $path"; printf '%s\n' "$eq" | head -12
			   bad=$((bad + 1)) ;;
			esac
		fi
		previous=$path
	fi
done < "${TMPDIR:-/tmp}/sbplc-manifest.$$"
end=$(date +%s)
echo "corpus: $n files linted in $((end - start)) s; $bad failed"
if [ -n "$equiv" ]; then
	echo "corpus: output equivalent to the input: $equivalent runs (compile and" \
	     "compile --minimize, each also a fixed point; fmt); merge of consecutive pairs: $merged"
	echo "corpus: not compiled (errors in the input):${refused:- none}"
fi
[ $bad -eq 0 ]
