#!/bin/sh
# fmt-inplace.sh -- `sbplc fmt -i` rewrites only files that change, keeps
# their mode, follows symbolic links, leaves no temporary file, never
# touches a file with syntax errors, and goes on past an unreadable file
# (status 2).  Golden cases cannot test -i: it would rewrite the case file.
set -u
sbplc=$(cd "${top_builddir:-.}" && pwd)/sbplc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
cd "$tmp" || exit 99
say() { echo "FAIL: $*"; fail=1; }

printf '(version 1)\n(deny    default)\n' > messy.sb
printf '(version 1)\n(deny default)\n' > want.sb
cp want.sb clean.sb
printf '(version 1)\n(allow file-read*\n' > broken.sb
cp broken.sb broken.orig
chmod 640 messy.sb

"$sbplc" fmt -i messy.sb clean.sb; s=$?
[ $s -eq 0 ] || say "-i exit $s, expected 0"
cmp -s messy.sb want.sb || say "-i did not format messy.sb: $(cat messy.sb)"
mode=$(ls -l messy.sb | cut -c1-10)
[ "$mode" = "-rw-r-----" ] || say "-i lost the mode: $mode"
[ "$(ls -A | wc -l)" -eq 5 ] || say "-i left files behind: $(ls -A)"
"$sbplc" fmt --check messy.sb clean.sb > out.txt; s=$?
[ $s -eq 0 ] && [ ! -s out.txt ] || say "--check after -i: exit $s, $(cat out.txt)"
rm -f out.txt

"$sbplc" fmt -i broken.sb 2> err.txt; s=$?
[ $s -eq 1 ] || say "-i on a syntax error: exit $s, expected 1"
cmp -s broken.sb broken.orig || say "-i changed a file with syntax errors"
grep -q "syntax-error" err.txt || say "no syntax-error diagnostic: $(cat err.txt)"
rm -f err.txt

printf '(deny    default)\n' > target.sb
ln -s target.sb link.sb
"$sbplc" fmt -i link.sb; s=$?
[ $s -eq 0 ] && [ -L link.sb ] || say "-i through a link: exit $s, link replaced"
[ "$(cat target.sb)" = "(deny default)" ] || say "-i did not rewrite the link's target"

printf '(deny    default)\n' > later.sb
"$sbplc" fmt -i no-such.sb later.sb 2> err.txt; s=$?
[ $s -eq 2 ] || say "-i with a missing file: exit $s, expected 2"
[ "$(cat later.sb)" = "(deny default)" ] || say "-i stopped at the missing file"
grep -q "cannot read 'no-such.sb'" err.txt || say "no message for the missing file"

mkdir dir.sb
"$sbplc" fmt dir.sb > /dev/null 2>&1; s=$?
[ $s -eq 2 ] || say "a directory: exit $s, expected 2"

[ $fail -eq 0 ] && echo "ok   fmt -i"
exit $fail
