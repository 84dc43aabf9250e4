# gen-explain.awk -- turn doc/rules/<id>.md into the C11 table behind `sbplc explain`.
#
#   LC_ALL=C awk -f doc/gen-explain.awk doc/rules/<id>.md ... > explain_table.c
#
# Each file becomes one entry {"<id>", "<its text>"}, the id being the file name without
# directory and ".md"; entries are sorted by id, byte by byte, so the table can be searched
# with strcmp.  The text is copied byte for byte: backslash, double quote, tab and "??"
# (a trigraph under -std=c11) are escaped, any other byte below 0x20 or from 0x7f on becomes
# a three-digit octal escape, and each input line is its own string literal, so no piece is
# long.  Every input line is taken to end in a newline (awk cannot see a missing last one).
# POSIX awk only: it runs under gawk, mawk, BSD awk and busybox awk, in a single-byte locale
# (LC_ALL=C), which it checks.  On an error it prints to stderr and exits 1, writing nothing.

function fail(msg) {
	print "gen-explain.awk: " msg | "cat 1>&2"
	close("cat 1>&2")
	failed = 1
	exit 1
}

# s as the inside of a C string literal.
function cstr(s,    out, i, n, c, o, prev) {
	out = ""
	prev = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "\\")
			out = out "\\\\"
		else if (c == "\"")
			out = out "\\\""
		else if (c == "\t")
			out = out "\\t"
		else if (c == "?" && prev == "?")
			out = out "\\?"
		else {
			o = ord[c]
			if (o < 32 || o >= 127)
				out = out sprintf("\\%03o", o)
			else
				out = out c
		}
		prev = c
	}
	return out
}

# Is a before b in byte order (strcmp), whatever the locale's collation?
function before(a, b,    i, n, ca, cb) {
	n = length(a) < length(b) ? length(a) : length(b)
	for (i = 1; i <= n; i++) {
		ca = substr(a, i, 1)
		cb = substr(b, i, 1)
		if (ca != cb)
			return ord[ca] < ord[cb]
	}
	return length(a) < length(b)
}

BEGIN {
	failed = 0
	warned = 0
	for (byte = 1; byte < 256; byte++)
		ord[sprintf("%c", byte)] = byte
	# In a multibyte locale gawk reads these two bytes as one character.
	if (length("\303\251") != 2)
		fail("run in a single-byte locale: LC_ALL=C awk -f ...")
	nfiles = 0
	for (arg = 1; arg < ARGC; arg++) {
		f = ARGV[arg]
		if (f == "" || f ~ /^[A-Za-z_][A-Za-z0-9_]*=/)
			continue        # awk's own var=value operand
		id = f
		sub(/.*\//, "", id)
		if (id !~ /\.md$/)
			fail(f ": not a .md file")
		sub(/\.md$/, "", id)
		if (id !~ /^[a-z0-9][a-z0-9-]*$/)
			fail(f ": '" id "' is not a rule id (lower case, digits, '-')")
		if (id in seen)
			fail(f ": rule id '" id "' given twice (also " seen[id] ")")
		seen[id] = f
		nfiles++
		ids[nfiles] = id
		key[f] = id
		nlines[id] = 0
	}
	if (nfiles == 0)
		fail("no input files (usage: LC_ALL=C awk -f gen-explain.awk doc/rules/*.md)")
}

{
	id = key[FILENAME]
	nlines[id]++
	text[id, nlines[id]] = $0
}

END {
	if (failed)
		exit 1
	for (e = 2; e <= nfiles; e++) {          # insertion sort, 29 entries
		id = ids[e]
		for (j = e - 1; j >= 1 && before(id, ids[j]); j--)
			ids[j + 1] = ids[j]
		ids[j + 1] = id
	}
	print "/* Generated from doc/rules/<id>.md by doc/gen-explain.awk -- do not edit. */"
	print "#include <stddef.h>"
	print "#include \"explain.h\""
	print ""
	print "const struct sb_explain_entry sb_explain_table[] = {"
	for (e = 1; e <= nfiles; e++) {
		id = ids[e]
		nl = nlines[id]
		size = 0
		for (k = 1; k <= nl; k++)
			size += length(text[id, k]) + 1
		if (size > 4095) {
			print "gen-explain.awk: warning: " seen[id] ": " size " bytes; ISO C compilers" \
			    " need only accept 4095 in one string literal" | "cat 1>&2"
			warned = 1
		}
		if (nl == 0) {
			printf "\t{\"%s\", \"\"},\n", cstr(id)
			continue
		}
		printf "\t{\"%s\",\n", cstr(id)
		for (k = 1; k <= nl; k++)
			printf "\t \"%s\\n\"%s\n", cstr(text[id, k]), (k < nl ? "" : "},")
	}
	print "};"
	print "const size_t sb_explain_count = " nfiles ";"
	if (warned)
		close("cat 1>&2")
}
