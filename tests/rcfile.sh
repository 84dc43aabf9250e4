#!/bin/sh
# rcfile.sh -- .sbplcrc is found in the current directory or a parent, its
# options come before the command line's (which override them), a bad line
# is exit 2 with file:line, and SBPLC_NO_RC=1 turns it off.
set -u
sbplc=$(cd "${top_builddir:-.}" && pwd)/sbplc
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
unset SBPLC_NO_RC
mkdir -p "$tmp/proj/profiles" "$tmp/proj/lib"
printf '# settings\n-W no-non-canonical-path\n-I lib\n' > "$tmp/proj/.sbplcrc"
printf '(version 1)\n(allow file-read* (subpath "/tmp/x"))\n' > "$tmp/proj/profiles/a.sb"
printf '(version 1)\n(import "base.sb")\n' > "$tmp/proj/profiles/b.sb"
printf '(deny default)\n' > "$tmp/proj/lib/base.sb"
cd "$tmp/proj/profiles" || exit 99

out=$("$sbplc" lint a.sb 2>&1); s=$?
[ $s -eq 0 ] && [ -z "$out" ] || { echo "FAIL: rc -W not applied (exit $s): $out"; fail=1; }
out=$("$sbplc" lint -W non-canonical-path a.sb 2>&1); s=$?
[ $s -eq 1 ] || { echo "FAIL: command line did not override .sbplcrc (exit $s): $out"; fail=1; }
out=$("$sbplc" lint b.sb 2>&1); s=$?
[ $s -eq 0 ] || { echo "FAIL: rc -I relative to the rc file (exit $s): $out"; fail=1; }
out=$(SBPLC_NO_RC=1 "$sbplc" lint a.sb 2>&1); s=$?
[ $s -eq 1 ] || { echo "FAIL: SBPLC_NO_RC=1 ignored (exit $s)"; fail=1; }
printf 'not-an-option\n' > "$tmp/proj/.sbplcrc"
out=$("$sbplc" lint a.sb 2>&1); s=$?
case $out in *".sbplcrc:1:"*) ;; *) echo "FAIL: no file:line for a bad rc line: $out"; fail=1 ;; esac
[ $s -eq 2 ] || { echo "FAIL: bad rc line exit $s, expected 2"; fail=1; }
[ $fail -eq 0 ] && echo "ok   .sbplcrc"
exit $fail
