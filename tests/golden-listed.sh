#!/bin/sh
# golden-listed.sh -- every tests/golden/*/*.sb is listed in golden.am and has
# an .expected file, so no golden case is silently skipped.
set -u
src=${top_srcdir:-.}
am=$src/tests/golden/golden.am
status=0
for f in "$src"/tests/golden/*/*.sb; do
	[ -e "$f" ] || continue
	rel=${f#"$src"/}
	if ! grep -q "[[:space:]]$rel\( \|\$\)" "$am"; then
		echo "not listed in tests/golden/golden.am: $rel"
		status=1
	fi
	if [ ! -f "${f%.sb}.expected" ]; then
		echo "no expected output: ${rel%.sb}.expected"
		status=1
	fi
done
exit $status
