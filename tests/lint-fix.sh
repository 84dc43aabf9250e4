#!/bin/sh
# lint-fix.sh -- `sbplc lint --fix` applies exactly the safe fixes, in place
# and atomically, says what it changed, reports what is left at its new line,
# and leaves alone what it must: a file with syntax errors, standard input,
# rules switched off with -W or an ignore comment, repeats made by a function.
set -u
top_builddir=${top_builddir:-.}
sbplc=$(cd "$top_builddir" && pwd)/sbplc
dir=$(mktemp -d "${TMPDIR:-/tmp}/sbplc-fix.XXXXXX")
trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
cd "$dir" || exit 99
fails=0 checks=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
	d=$1; shift
	checks=$((checks + 1))
	if ! "$@"; then echo "FAIL: $d"; fails=$((fails + 1)); fi
}

cat > agent.sb <<'SB'
(version 1)
(deny default)
(define (tool p) (allow process-exec* (literal p)))
(allow file-read* (subpath "/usr/lib"))
(allow file-write* (subpath "/tmp/agent"))   ; scratch space
(allow file-read* (subpath "/usr/lib"))
(tool "/bin/sh")
(tool "/bin/sh")
(allow file-read* (literal "/etc/hosts"))   ; sbplc: ignore non-canonical-path
SB
cat > want.sb <<'SB'
(version 1)
(deny default)
(define (tool p) (allow process-exec* (literal p)))
(allow file-read* (subpath "/usr/lib"))
(allow file-write* (subpath "/private/tmp/agent"))   ; scratch space
(tool "/bin/sh")
(tool "/bin/sh")
(allow file-read* (literal "/etc/hosts"))   ; sbplc: ignore non-canonical-path
SB
chmod 640 agent.sb
"$sbplc" lint --fix agent.sb >out.txt 2>err.txt
status=$?
check "exit 1: the repeat made by (tool ...) is left and reported" [ $status -eq 1 ]
check "the safe fixes are applied, the rest is untouched" cmp -s agent.sb want.sb
check "it says what it changed" grep -q '^agent.sb:5:29: fixed: use the canonical path \[non-canonical-path\]$' err.txt
check "the removed repeat is named" grep -q '^agent.sb:6:1: fixed: remove the repeated rule \[duplicate-rule\]$' err.txt
check "a summary line" grep -q "^sbplc: fixed 2 findings in 'agent.sb'$" err.txt
check "what is left is reported at its new line" grep -q '^agent.sb:7:1: warning: .*\[duplicate-rule\]$' out.txt
check "the mode is kept" [ "$(ls -l agent.sb | cut -c1-10)" = "-rw-r-----" ]
check "no temporary file is left" [ "$(ls -A | grep -c sbplc-)" -eq 0 ]
"$sbplc" lint --fix agent.sb >out.txt 2>err.txt
check "a second run changes nothing" cmp -s agent.sb want.sb
check "and says nothing was fixed" [ ! -s err.txt ]

# -W no-RULE: that rule's fixes are not applied
printf '(version 1)\n(deny default)\n(allow file-read* (subpath "/var/db"))\n' > w.sb
cp w.sb w.orig
"$sbplc" lint --fix -W no-non-canonical-path w.sb >/dev/null 2>&1
check "-W no-RULE keeps its fix out" cmp -s w.sb w.orig

# a syntax error: nothing is touched
printf '(version 1)\n(allow file-read* (subpath "/tmp")\n' > broken.sb
cp broken.sb broken.orig
"$sbplc" lint --fix broken.sb >/dev/null 2>err.txt
check "a file with syntax errors is not fixed" cmp -s broken.sb broken.orig
check "and it says why" grep -q "not fixing 'broken.sb': it has syntax errors" err.txt

# standard input cannot be fixed in place
"$sbplc" lint --fix - < w.orig >/dev/null 2>err.txt
check "--fix on stdin is a usage error (exit 2)" [ $? -eq 2 ]

# JSON output lists what is left
printf '(version 1)\n(deny default)\n(allow file-read* (subpath "/etc/ssl"))\n' > j.sb
"$sbplc" lint --fix --format=json j.sb >out.json 2>err.txt
check "JSON after --fix has no finding left" grep -q '"diagnostics": \[\]' out.json
check "the fix happened" grep -q '/private/etc/ssl' j.sb

# a read-only directory (as nobody when running as root): exit 2, untouched
mkdir ro
cp w.orig ro/p.sb
chmod 555 ro
as_user=
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1 &&
	   setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
		chmod 755 "$dir"
	fi
fi
if [ "$(id -u)" -ne 0 ] || [ -n "$as_user" ]; then
	# shellcheck disable=SC2086 # as_user is a word list
	$as_user "$sbplc" lint --fix ro/p.sb >/dev/null 2>err.txt
	check "unwritable: exit 2" [ $? -eq 2 ]
	check "unwritable: untouched" cmp -s ro/p.sb w.orig
	check "unwritable: a clear message" grep -q "Permission denied" err.txt
else
	echo "SKIP: read-only directory (root without setpriv)"
fi

echo "lint-fix: $checks checks, $fails failed"
[ "$fails" -eq 0 ]
