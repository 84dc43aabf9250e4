#!/bin/sh
# run-golden.sh SBPLC CASE.sb -- one golden test (automake test driver).
# CASE.sb's first line is the command: ";; sbplc lint --format=json".  The
# case file is appended to it (or replaces '{}', or is fed to stdin where the
# command says '<'), run from the case's directory so printed paths are
# stable.  stdout, stderr and the exit status must equal CASE.expected;
# SBPLC_REGEN=1 rewrites CASE.expected instead (review that diff like code).
set -u
sbplc=$1
case_file=$2
abs_sbplc=$(cd "$(dirname "$sbplc")" && pwd)/$(basename "$sbplc")
dir=$(dirname "$case_file")
base=$(basename "$case_file")
expected=$dir/$(basename "$base" .sb).expected

bom=$(printf '\357\273\277')
header=$(LC_ALL=C sed -n "1s/^$bom//;1s/^;; *sbplc //p" "$case_file" | tr -d '\r')
if [ -z "$header" ]; then
	echo "$case_file: first line must be ';; sbplc COMMAND ...'" >&2
	exit 99
fi

out=$(mktemp) err=$(mktemp) got=$(mktemp)
trap 'rm -f "$out" "$err" "$got"' EXIT

(
	cd "$dir" || exit 99
	unset NO_COLOR SBPLC_COLOR
	SBPLC_NO_RC=1
	export SBPLC_NO_RC
	LC_ALL=C
	export LC_ALL
	case $header in
	*'<'*) eval "\"\$abs_sbplc\" ${header%%<*}" < "$base" ;;
	*'{}'*) eval "\"\$abs_sbplc\" $(printf '%s' "$header" | sed "s|{}|$base|g")" ;;
	*) eval "\"\$abs_sbplc\" $header \"\$base\"" ;;
	esac
) >"$out" 2>"$err"
status=$?

{
	cat "$out"
	echo "-- stderr --"
	cat "$err"
	echo "-- exit $status --"
} >"$got"

if [ -n "${SBPLC_REGEN:-}" ]; then
	cp "$got" "$expected"
	echo "regenerated $expected"
	exit 0
fi
if [ ! -f "$expected" ]; then
	echo "$expected is missing; run with SBPLC_REGEN=1 and review it" >&2
	cat "$got"
	exit 1
fi
if ! diff -u "$expected" "$got"; then
	echo "FAIL: $case_file differs from $expected" >&2
	exit 1
fi
exit 0
