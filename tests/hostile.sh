#!/bin/sh
# hostile.sh -- inputs meant to break a compiler: each must end with its
# documented exit status and a clear message, within a time bound, and never
# with a crash (status > 2), a sanitizer report or a hang.
set -u
sbplc=${top_builddir:-.}/sbplc
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0

# expect NAME STATUS PATTERN -- sbplc ARGS... ; output must match PATTERN
expect() {
	name=$1 want=$2 pattern=$3
	shift 3
	timeout 120 "$sbplc" "$@" >"$tmp/out" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL $name: exit $got, expected $want"; head -c 2000 "$tmp/out"; fail=1
	elif [ -n "$pattern" ] && ! grep -q -- "$pattern" "$tmp/out"; then
		echo "FAIL $name: output lacks '$pattern'"; head -c 2000 "$tmp/out"; fail=1
	elif grep -q 'Sanitizer\|runtime error' "$tmp/out"; then
		echo "FAIL $name: sanitizer report"; head -c 4000 "$tmp/out"; fail=1
	else
		echo "ok   $name (exit $got)"
	fi
}

awk 'BEGIN { for (i = 0; i < 1000000; i++) printf "("; }' > "$tmp/deep.sb"
expect "1,000,000 nested '('" 1 'nested deeper than 1000' lint "$tmp/deep.sb"

# 100 MiB in one string on one line: 10 bytes doubled 20 times, 10 times.
awk 'BEGIN { printf "(version 1)\n(allow file-read* (literal \"/"; s = "abcdefghij";
             for (i = 0; i < 20; i++) s = s s; for (i = 0; i < 10; i++) printf "%s", s;
             printf "\"))\n" }' > "$tmp/long.sb"
expect "100 MB single-line string" 0 '' lint "$tmp/long.sb"
{ cat "$tmp/long.sb"; printf ')'; } > "$tmp/long-err.sb"
expect "100 MB line with an error after it" 1 "unexpected ')'" lint "$tmp/long-err.sb"
# The excerpt of a 100 MB line stays short.
if [ "$(wc -c < "$tmp/out")" -gt 2000 ]; then echo "FAIL excerpt too long"; fail=1; fi

printf '(version 1)\n(allow file-read* (literal "/a\000b"))\n' > "$tmp/nul.sb"
expect "NUL byte" 1 'NUL byte' lint "$tmp/nul.sb"

awk 'BEGIN { srand(7); for (i = 0; i < 300000; i++) printf "%c", int(rand() * 255) + 1 }' > "$tmp/noise.sb"
timeout 120 "$sbplc" lint "$tmp/noise.sb" >/dev/null 2>&1
s=$?; if [ $s -gt 2 ]; then echo "FAIL random bytes: exit $s"; fail=1; else echo "ok   random bytes (exit $s)"; fi

# Hostile programs terminate with resource-limit and exit 2.
printf '(version 1)\n(define (f) (f))\n(f)\n' > "$tmp/loop.sb"
expect "an endless tail loop" 2 'resource-limit' lint "$tmp/loop.sb"
printf '(version 1)\n(define (g n) (+ 1 (g n)))\n(g 1)\n' > "$tmp/recurse.sb"
expect "endless recursion" 2 'nested deeper than' lint "$tmp/recurse.sb"
printf '(version 1)\n(define (f s n) (if (= n 0) s (f (string-append s s) (- n 1))))\n(f "x" 100)\n' > "$tmp/exp.sb"
expect "exponential string building" 2 'resource-limit' lint "$tmp/exp.sb"
printf '(version 1)\n(define (w) (let loop ((l (quote ()))) (loop (cons 1 l))))\n(w)\n' > "$tmp/grow.sb"
expect "a list that grows without end" 2 'resource-limit' lint "$tmp/grow.sb"
printf '(version 1)\n(import "self.sb")\n' > "$tmp/self.sb"
expect "a file importing itself" 1 'import-cycle' lint "$tmp/self.sb"

mkdir "$tmp/dir"
expect "a directory" 2 'is a directory' lint "$tmp/dir"
expect "/dev/null" 2 'not a regular file' lint /dev/null
expect "a missing file" 2 'no such file' lint "$tmp/missing.sb"
printf '(version 1)\n' > "$tmp/ok.sb"
expect "a missing file beside a good one" 2 'no such file' lint "$tmp/missing.sb" "$tmp/ok.sb"
if [ "$(id -u)" -ne 0 ]; then
	cp "$tmp/ok.sb" "$tmp/locked.sb"; chmod 000 "$tmp/locked.sb"
	expect "an unreadable file" 2 'Permission denied' lint "$tmp/locked.sb"
fi
expect "no arguments" 2 'no input files' lint
expect "an unknown option" 2 'unknown option' lint --frobnicate "$tmp/ok.sb"
expect "an unknown command" 2 'unknown command' frobnicate
expect "stdin" 0 '' lint - < "$tmp/ok.sb"

# compile writes nothing it could not read back, and stays linear on a 100 MB atom.
printf '(version 1)\n(define (nest n f) (if (= n 0) f (nest (- n 1) (require-not f))))\n(allow file-read* (nest 100000 (literal "/x")))\n' > "$tmp/deepfilter.sb"
expect "compile: a filter 100,000 levels deep" 1 'nested deeper than a profile can be read' compile "$tmp/deepfilter.sb" -o "$tmp/out.sb"
if [ -e "$tmp/out.sb" ]; then echo "FAIL compile wrote a file it refused"; fail=1; fi
expect "compile: 100 MB single-line string" 0 'wrote' compile "$tmp/long.sb" -o "$tmp/long-out.sb"
expect "merge: the same 100 MB profile twice" 0 "exact duplicate dropped" merge --fail-on=error "$tmp/long.sb" "$tmp/long.sb" -o "$tmp/long-out.sb"
expect "compile: /dev/null" 2 'not a regular file' compile /dev/null -o "$tmp/x.sb"
expect "compile: an endless loop" 2 'resource-limit' compile "$tmp/loop.sb" -o "$tmp/x.sb"
if [ -e "$tmp/x.sb" ]; then echo "FAIL compile wrote after a resource limit"; fail=1; fi

# fmt refuses what does not parse, copies a 100 MB atom in linear time and
# lays out the deepest nesting the reader accepts.
expect "fmt: 1,000,000 nested '('" 1 'nested deeper than 1000' fmt "$tmp/deep.sb"
expect "fmt: 100 MB single-line string" 1 "long.sb" fmt --check "$tmp/long.sb"
expect "fmt: NUL byte" 1 'not formatted' fmt "$tmp/nul.sb"
timeout 120 "$sbplc" fmt "$tmp/noise.sb" >/dev/null 2>&1
s=$?; if [ $s -gt 2 ]; then echo "FAIL fmt: random bytes: exit $s"; fail=1; else echo "ok   fmt: random bytes (exit $s)"; fi
awk 'BEGIN { for (i = 0; i < 1000; i++) printf "("; for (i = 0; i < 1000; i++) printf ")"; print "" }' > "$tmp/deep-ok.sb"
expect "fmt: 1000 nested lists" 0 '' fmt "$tmp/deep-ok.sb"
expect "fmt: /dev/null" 2 'not a regular file' fmt /dev/null

exit $fail
