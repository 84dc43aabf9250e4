#!/bin/sh
# compile-equiv.sh -- compile, merge and fmt mean what their inputs meant, on the
# profiles of this repository (the corpus target does the same for
# ../shared/corpus): tests/equiv evaluates the input, writes it normalized,
# reads that back, compares decisions for every operation and probe path by
# the model and by a naive twin, and checks that compiling again changes no
# byte.  Inputs with errors (which compile refuses) are skipped.
set -u
top_srcdir=${top_srcdir:-.}
top_builddir=${top_builddir:-.}
equiv=$top_builddir/tests/equiv
n=0 bad=0
run() {
	out=$("$equiv" "$@" 2>&1)
	s=$?
	case $s in
	0) n=$((n + 1)) ;;
	2) ;;  # the input has errors: nothing to compare
	*) echo "FAIL: equiv $*"; printf '%s\n' "$out" | head -20; bad=$((bad + 1)) ;;
	esac
}
g=$top_srcdir/tests/golden
for f in "$g"/compile/*.sb "$g"/lint/*.sb "$g"/query/*.sb "$top_srcdir"/examples/*.sb; do
	run "$f"
	run --minimize "$f"
	run --fmt "$f"
done
run -D HOME=/Users/me "$g"/compile/normalize.sb
run "$g"/merge/base.sbpl "$g"/merge/read.sbpl "$g"/merge/agent.sb
run --minimize "$g"/merge/base.sbpl "$g"/merge/read.sbpl "$g"/merge/agent.sb
echo "compile-equiv: $n inputs equivalent and fixed points; $bad failed"
[ "$n" -gt 20 ] && [ "$bad" -eq 0 ]
