#!/bin/sh
# rule-docs.sh -- every rule id has doc/rules/<id>.md, listed in RULE_DOCS,
# and every page belongs to a rule id, so `sbplc explain` knows them all.
set -u
src=${top_srcdir:-.}
sbplc=${top_builddir:-.}/sbplc
status=0
ids=$(sed -n 's/^SB_RULE([A-Z_]*, *"\([a-z-]*\)".*/\1/p' "$src/src/diag_rules.def")
for id in $ids; do
	[ -f "$src/doc/rules/$id.md" ] || { echo "missing doc/rules/$id.md"; status=1; }
	grep -q "doc/rules/$id.md" "$src/Makefile.am" || { echo "doc/rules/$id.md not in RULE_DOCS"; status=1; }
	"$sbplc" explain "$id" | head -1 | grep -qx "# $id" || { echo "sbplc explain $id: wrong page"; status=1; }
done
for f in "$src"/doc/rules/*.md; do
	id=$(basename "$f" .md)
	printf '%s\n' $ids | grep -qx "$id" || { echo "doc/rules/$id.md has no rule id"; status=1; }
done
"$sbplc" explain no-such-rule >/dev/null 2>&1 && { echo "explain accepted an unknown id"; status=1; }
exit $status
