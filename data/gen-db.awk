# gen-db.awk -- generate src/sbpl_db_tables.c (included by src/sbpl_db.c) from the
# data/*.tsv tables, checking their cross references. POSIX awk (gawk, mawk, BSD awk).
#
#   awk -f data/gen-db.awk data/*.tsv > sbpl_db_tables.c
#
# Files are recognised by name, in any order. Lines starting with '#' are comments;
# fields are tab-separated, '-' is an empty field. Names are sorted in byte order here
# (not by the locale) because src/sbpl_db.c binary-searches them with strcmp().

BEGIN {
	FS = "\t"
	ASCII = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
	for (i = 1; i <= length(ASCII); i++)
		ORD[substr(ASCII, i, 1)] = i
	NCOLS["versions"] = 6;  NCOLS["categories"] = 3; NCOLS["symsets"] = 4
	NCOLS["operations"] = 9; NCOLS["filters"] = 10;  NCOLS["modifiers"] = 8
	NCOLS["aliases"] = 8;   NCOLS["constants"] = 4;  NCOLS["library"] = 6
	ARGKIND["path"] = "SB_DB_ARG_PATH"; ARGKIND["string-pattern"] = "SB_DB_ARG_STRING_PATTERN"
	ARGKIND["string"] = "SB_DB_ARG_STRING"; ARGKIND["integer"] = "SB_DB_ARG_INTEGER"
	ARGKIND["symbol"] = "SB_DB_ARG_SYMBOL"; ARGKIND["bitmask"] = "SB_DB_ARG_BITMASK"
	ARGKIND["boolean"] = "SB_DB_ARG_BOOLEAN"; ARGKIND["network"] = "SB_DB_ARG_NETWORK"
	ARGKIND["unknown"] = "SB_DB_ARG_UNKNOWN"; ARGKIND["none"] = "SB_DB_ARG_NONE"
	ARGKIND["rules"] = "SB_DB_ARG_RULES"
	MATCH["exact"] = "SB_DB_MATCH_EXACT"; MATCH["subpath"] = "SB_DB_MATCH_SUBPATH"
	MATCH["prefix"] = "SB_DB_MATCH_PREFIX"; MATCH["regex"] = "SB_DB_MATCH_REGEX"
	SUFFIX["exact"] = ""; SUFFIX["subpath"] = "-subpath"; SUFFIX["prefix"] = "-prefix"
	SUFFIX["regex"] = "-regex"
	NS["operation"] = "SB_DB_NS_OPERATION"; NS["filter"] = "SB_DB_NS_FILTER"
	NS["modifier"] = "SB_DB_NS_MODIFIER"
	NSORD["operation"] = 0; NSORD["filter"] = 1; NSORD["modifier"] = 2
	AKIND["spelling"] = "SB_DB_ALIAS_SPELLING"; AKIND["deprecated"] = "SB_DB_ALIAS_DEPRECATED"
	AKIND["other-meaning"] = "SB_DB_ALIAS_OTHER_MEANING"; AKIND["no-op"] = "SB_DB_ALIAS_NOOP"
	LKIND["action"] = "SB_DB_LIB_ACTION"; LKIND["directive"] = "SB_DB_LIB_DIRECTIVE"
	LKIND["combinator"] = "SB_DB_LIB_COMBINATOR"; LKIND["filter"] = "SB_DB_LIB_FILTER"
	LKIND["modifier"] = "SB_DB_LIB_MODIFIER"; LKIND["macro"] = "SB_DB_LIB_MACRO"
	LKIND["function"] = "SB_DB_LIB_FUNCTION"; LKIND["introspection"] = "SB_DB_LIB_INTROSPECTION"
	LKIND["variable"] = "SB_DB_LIB_VARIABLE"
	ACTIONS["allow"] = "1u << SB_DB_ACTION_ALLOW"; ACTIONS["deny"] = "1u << SB_DB_ACTION_DENY"
	ACTIONS["both"] = "(1u << SB_DB_ACTION_ALLOW) | (1u << SB_DB_ACTION_DENY)"
	NVER = NCAT = NSET = NOP = NFILT = NMOD = NALIAS = NCONST = NFAM = NLIB = 0
	errors = 0
}

function fail(msg) {
	printf "gen-db.awk: %s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"
	errors++
}
function fatal(msg) {
	printf "gen-db.awk: %s\n", msg > "/dev/stderr"
	errors++
}

# Byte-order comparison of ASCII strings, independent of the locale.
function bcmp(a, b,    i, n, ca, cb) {
	if (a == b)
		return 0
	n = length(a) < length(b) ? length(a) : length(b)
	for (i = 1; i <= n; i++) {
		ca = substr(a, i, 1); cb = substr(b, i, 1)
		if (ca != cb)
			return ORD[ca] < ORD[cb] ? -1 : 1
	}
	return length(a) < length(b) ? -1 : 1
}
# Fill ORDER[1..n] with 1..n sorted by KEYS[]; report duplicate keys.
function sort_keys(keys, order, n, what,    i, j, t) {
	for (i = 1; i <= n; i++)
		order[i] = i
	for (i = 2; i <= n; i++) {
		t = order[i]
		for (j = i - 1; j >= 1 && bcmp(keys[order[j]], keys[t]) > 0; j--)
			order[j + 1] = order[j]
		order[j + 1] = t
	}
	for (i = 2; i <= n; i++)
		if (keys[order[i - 1]] == keys[order[i]])
			fatal("duplicate " what " '" keys[order[i]] "'")
}
function is_name(s,    i, c) {
	if (s == "" || s == "-")
		return 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (!(c in ORD) || c == " " || c == "\"" || c == "\\" || c == "(" || c == ")" || c == ";")
			return 0
	}
	return 1
}
# C string literal; the tables are ASCII (checked per line).
function cstr(s,    out, i, c) {
	if (s == "" || s == "-")
		return "NULL"
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\")
			out = out "\\\\"
		else if (c == "\"")
			out = out "\\\""
		else
			out = out c
	}
	return "\"" out "\""
}
function version_ok(s) {
	return s == "-" || (s ~ /^[0-9]+$/ && s + 0 >= 1000 && s + 0 <= 9999)
}
function num(s) { return s == "-" ? 0 : s + 0 }
# Newest sampled table of KIND before SINCE / oldest after LAST (0: none).
function absent_before(kind, since,    i, best) {
	best = 0
	if (since == 0)
		return 0
	for (i = 1; i <= NVER; i++)
		if (VER_HAS[i, kind] && VER[i] < since && VER[i] > best)
			best = VER[i]
	return best
}
function absent_from(kind, last,    i, best) {
	best = 0
	if (last == 0)
		return 0
	for (i = 1; i <= NVER; i++)
		if (VER_HAS[i, kind] && VER[i] > last && (best == 0 || VER[i] < best))
			best = VER[i]
	return best
}
function versions(kind, since, last, ios) {
	since = num(since); last = num(last)
	return sprintf("{ %d, %d, %d, %d, %s }", since, last, absent_before(kind, since),
	               absent_from(kind, last), ios ? "true" : "false")
}
# "a,b" -> C expression of DB_BIT(set index) terms; checks the names.
function sets_expr(list,    n, parts, i, out) {
	if (list == "-" || list == "")
		return "0"
	n = split(list, parts, ",")
	out = ""
	for (i = 1; i <= n; i++) {
		if (!(parts[i] in SET_IDX)) {
			fatal("unknown symbol set '" parts[i] "'")
			continue
		}
		out = out (out == "" ? "" : " | ") "DB_BIT(" SET_IDX[parts[i]] ")"
	}
	return out == "" ? "0" : out
}
function flag_in(list, flag,    n, parts, i) {
	n = split(list, parts, ",")
	for (i = 1; i <= n; i++)
		if (parts[i] == flag)
			return 1
	return 0
}

/^#/ || /^[ \t]*$/ { next }

{
	n = split(FILENAME, path, "/")
	table = path[n]
	sub(/\.tsv$/, "", table)
	if (!(table in NCOLS)) {
		fail("unknown table '" table "'")
		next
	}
	if (NF != NCOLS[table]) {
		fail("expected " NCOLS[table] " fields, got " NF)
		next
	}
	for (i = 1; i <= length($0); i++)
		if (!(substr($0, i, 1) in ORD) && substr($0, i, 1) != "\t") {
			fail("non-ASCII or control character")
			next
		}
}

table == "versions" {
	if (!version_ok($1) || $1 == "-") { fail("bad version '" $1 "'"); next }
	NVER++
	VER[NVER] = $1 + 0
	VER_HAS[NVER, "ops"] = ($2 == "yes")
	VER_HAS[NVER, "filters"] = ($3 == "yes")
	VER_HAS[NVER, "modifiers"] = ($4 == "yes")
	VER_HAS[NVER, "aliases"] = ($5 == "yes")
	next
}

table == "categories" {
	if (!is_name($1)) { fail("bad category name"); next }
	if ($2 != "-") {
		CAT_MACRO[$1] = $2
		next
	}
	NCAT++
	CAT_NAME[NCAT] = $1
	CAT_IDX[$1] = NCAT
	next
}

table == "symsets" {
	if (!is_name($1) || ($2 != "yes" && $2 != "no")) { fail("bad symbol set"); next }
	NSET++
	SET_NAME[NSET] = $1
	SET_IDX[$1] = NSET
	SET_COMPLETE[NSET] = ($2 == "yes")
	next
}

table == "operations" {
	if (!is_name($1) || !version_ok($4) || !version_ok($5)) { fail("bad operation row"); next }
	NOP++
	OP_NAME[NOP] = $1; OP_PARENT[NOP] = $2; OP_TERM[NOP] = $3
	OP_SINCE[NOP] = $4; OP_LAST[NOP] = $5; OP_FLAGS[NOP] = $6
	OP_CATS[NOP] = $7; OP_HIST[NOP] = $8; OP_SRC[NOP] = $9
	OP_IDX[$1] = NOP
	next
}

table == "filters" {
	if (!is_name($2) || !version_ok($7) || !version_ok($8) || !($4 in ARGKIND)) {
		fail("bad filter row"); next
	}
	NFILT++
	F_ID[NFILT] = $1; F_NAME[NFILT] = $2; F_CAT[NFILT] = $3; F_ARG[NFILT] = $4
	F_FORMS[NFILT] = $5; F_SETS[NFILT] = $6; F_SINCE[NFILT] = $7; F_LAST[NFILT] = $8
	F_FLAGS[NFILT] = $9; F_SRC[NFILT] = $10
	F_IDX[$2] = NFILT
	next
}

table == "modifiers" {
	if (!is_name($1) || !($2 in ACTIONS) || !($3 in ARGKIND) || !version_ok($6) ||
	    !version_ok($7)) {
		fail("bad modifier row"); next
	}
	NMOD++
	M_NAME[NMOD] = $1; M_ACTIONS[NMOD] = $2; M_ARG[NMOD] = $3; M_SETS[NMOD] = $4
	M_OPS[NMOD] = $5; M_SINCE[NMOD] = $6; M_LAST[NMOD] = $7; M_SRC[NMOD] = $8
	M_IDX[$1] = NMOD
	next
}

table == "aliases" {
	if (!is_name($1) || !($2 in NS) || !($3 in AKIND) || !version_ok($6) || !version_ok($7) ||
	    (($3 == "no-op") != ($4 == "-"))) {
		fail("bad alias row"); next
	}
	NALIAS++
	A_NAME[NALIAS] = $1; A_NS[NALIAS] = $2; A_KIND[NALIAS] = $3; A_TARGET[NALIAS] = $4
	A_ARG[NALIAS] = $5; A_SINCE[NALIAS] = $6; A_LAST[NALIAS] = $7; A_NOTE[NALIAS] = $8
	A_KEY[NALIAS] = $1 " " NSORD[$2]
	A_IDX[$1, $2] = NALIAS
	next
}

table == "constants" {
	if ($2 != "?" && $2 !~ /^-?[0-9]+$/) { fail("bad constant value '" $2 "'"); next }
	if ($1 ~ /^\*[A-Za-z0-9_]+$/ || $1 ~ /^[A-Za-z0-9_]+\*$/ || $1 ~ /^[A-Za-z0-9_]+\[A-Z\]\*$/) {
		NFAM++
		FAM_NAME[NFAM] = $1; FAM_SETS[NFAM] = $3
		next
	}
	if (!is_name($1)) { fail("bad constant name"); next }
	NCONST++
	C_NAME[NCONST] = $1; C_VALUE[NCONST] = $2; C_SETS[NCONST] = $3; C_SRC[NCONST] = $4
	next
}

table == "library" {
	if (!is_name($1) || !($2 in LKIND) || !version_ok($4) || !version_ok($5)) {
		fail("bad library row"); next
	}
	NLIB++
	L_NAME[NLIB] = $1; L_KIND[NLIB] = $2; L_EXPANDS[NLIB] = $3; L_SINCE[NLIB] = $4
	L_LAST[NLIB] = $5; L_NOTE[NLIB] = $6
	next
}

# ---------------------------------------------------------------- checks and derived data

function check_tables(    i, j, n, parts, p, depth, h, c, m, sub_parts) {
	if (NVER == 0 || NCAT == 0 || NSET == 0 || NOP == 0 || NFILT == 0 || NMOD == 0 ||
	    NALIAS == 0 || NCONST == 0 || NLIB == 0) {
		fatal("a table is missing: pass every data/*.tsv file")
		exit 1
	}
	if (NCAT > 63 || NSET > 63)
		fatal("more than 63 categories or symbol sets")
	for (i = 1; i <= NOP; i++) {
		p = OP_PARENT[i]
		if ((p == "-") != (OP_TERM[i] == "allow" || OP_TERM[i] == "deny"))
			fatal("operation '" OP_NAME[i] "': a terminal needs allow/deny and no parent")
		if (p != "-" && !(p in OP_IDX))
			fatal("operation '" OP_NAME[i] "': unknown parent '" p "'")
		if (p != "-" && p in OP_IDX)
			HAS_CHILD[OP_IDX[p]] = 1
		h = OP_HIST[i]
		if (h != "-") {
			if (h !~ /^[0-9][0-9][0-9][0-9]:/)
				fatal("operation '" OP_NAME[i] "': bad history '" h "'")
			HIST_UNTIL[i] = substr(h, 1, 4) + 0
			HIST_TO[i] = substr(h, 6)
			if (HIST_TO[i] != "allow" && HIST_TO[i] != "deny") {
				if (!(HIST_TO[i] in OP_IDX))
					fatal("operation '" OP_NAME[i] "': unknown history parent")
				else
					HAS_CHILD[OP_IDX[HIST_TO[i]]] = 1
			}
		}
		if (OP_FLAGS[i] != "-") {
			n = split(OP_FLAGS[i], parts, ",")
			for (j = 1; j <= n; j++)
				if (parts[j] != "message-filter" && parts[j] != "inferred" &&
				    parts[j] != "ios-only")
					fatal("operation '" OP_NAME[i] "': unknown flag '" parts[j] "'")
		}
		if ((OP_SINCE[i] == "-") != flag_in(OP_FLAGS[i], "ios-only"))
			fatal("operation '" OP_NAME[i] "': only ios-only operations lack a version")
		# own categories
		OP_UNKNOWN[i] = (OP_CATS[i] == "*")
		if (!OP_UNKNOWN[i]) {
			n = split(OP_CATS[i], parts, ",")
			for (j = 1; j <= n; j++) {
				if (parts[j] in CAT_MACRO) {
					m = split(CAT_MACRO[parts[j]], sub_parts, ",")
					for (c = 1; c <= m; c++)
						add_cat(i, sub_parts[c])
				} else {
					add_cat(i, parts[j])
				}
			}
		}
	}
	# no cycles; categories_below from every operation with known categories
	for (i = 1; i <= NOP; i++) {
		p = i
		for (depth = 0; depth < 64 && OP_PARENT[p] in OP_IDX; depth++)
			p = OP_IDX[OP_PARENT[p]]
		if (depth == 64) {
			fatal("operation '" OP_NAME[i] "': fallback cycle")
			continue
		}
		if (OP_UNKNOWN[i])
			continue
		for (c = 1; c <= NCAT; c++) {
			if (!OP_CAT[i, c])
				continue
			p = i
			for (depth = 0; depth < 64; depth++) {
				OP_BELOW[p, c] = 1
				if (!(OP_PARENT[p] in OP_IDX))
					break
				p = OP_IDX[OP_PARENT[p]]
			}
		}
	}
	for (i = 1; i <= NFILT; i++) {
		if (F_CAT[i] != "*" && !(F_CAT[i] in CAT_IDX))
			fatal("filter '" F_NAME[i] "': unknown category '" F_CAT[i] "'")
		if ((F_FORMS[i] != "-") != (F_ARG[i] == "path" || F_ARG[i] == "string-pattern" ||
		                            F_ARG[i] == "string"))
			fatal("filter '" F_NAME[i] "': spellings only for string filters")
	}
	for (i = 1; i <= NMOD; i++) {
		if (M_OPS[i] == "any" || M_OPS[i] == "non-message")
			continue
		n = split(M_OPS[i], parts, ",")
		for (j = 1; j <= n; j++)
			if (!(parts[j] in OP_IDX))
				fatal("modifier '" M_NAME[i] "': unknown operation '" parts[j] "'")
	}
}
function add_cat(op, name) {
	if (!(name in CAT_IDX)) {
		fatal("operation '" OP_NAME[op] "': unknown category '" name "'")
		return
	}
	OP_CAT[op, CAT_IDX[name]] = 1
}
function cat_expr(op, below,    c, out) {
	out = ""
	for (c = 1; c <= NCAT; c++)
		if (below ? OP_BELOW[op, c] : OP_CAT[op, c])
			out = out (out == "" ? "" : " | ") "DB_BIT(" c ")"
	return out == "" ? "0" : out
}

# Filter spellings: every form of every filter, then the filter aliases.
function build_spellings(    i, j, n, parts, form, name, eq, a, t) {
	NSPELL = 0
	for (i = 1; i <= NFILT; i++) {
		if (F_FORMS[i] == "-")
			continue
		n = split(F_FORMS[i], parts, ",")
		for (j = 1; j <= n; j++) {
			form = parts[j]
			eq = index(form, "=")
			if (eq) {
				name = substr(form, eq + 1)
				form = substr(form, 1, eq - 1)
			} else {
				name = F_NAME[i] SUFFIX[form]
			}
			if (!(form in MATCH)) {
				fatal("filter '" F_NAME[i] "': unknown form '" form "'")
				continue
			}
			F_MATCHES[i] = F_MATCHES[i] (F_MATCHES[i] == "" ? "" : " | ") "(1u << " MATCH[form] ")"
			NSPELL++
			S_NAME[NSPELL] = name; S_FILTER[NSPELL] = i; S_MATCH[NSPELL] = MATCH[form]
			S_ALIAS[NSPELL] = 0
			S_IDX[name] = NSPELL
		}
	}
	for (i = 1; i <= NFILT; i++)
		if (F_FORMS[i] == "-") {
			NSPELL++
			S_NAME[NSPELL] = F_NAME[i]; S_FILTER[NSPELL] = i; S_MATCH[NSPELL] = "SB_DB_MATCH_NONE"
			S_ALIAS[NSPELL] = 0
			S_IDX[F_NAME[i]] = NSPELL
		}
	for (a = 1; a <= NALIAS; a++) {
		if (A_NS[a] != "filter")
			continue
		t = A_TARGET[a]
		if (!(t in S_IDX)) {
			fatal("filter alias '" A_NAME[a] "': unknown target spelling '" t "'")
			continue
		}
		NSPELL++
		S_NAME[NSPELL] = A_NAME[a]; S_FILTER[NSPELL] = S_FILTER[S_IDX[t]]
		S_MATCH[NSPELL] = S_MATCH[S_IDX[t]]; S_ALIAS[NSPELL] = a
	}
}

function check_aliases(    a) {
	for (a = 1; a <= NALIAS; a++) {
		if (A_KIND[a] == "no-op")
			continue
		if (A_NS[a] == "operation" && !(A_TARGET[a] in OP_IDX))
			fatal("alias '" A_NAME[a] "': unknown operation '" A_TARGET[a] "'")
		if (A_NS[a] == "modifier" && !(A_TARGET[a] in M_IDX))
			fatal("alias '" A_NAME[a] "': unknown modifier '" A_TARGET[a] "'")
	}
}

# ---------------------------------------------------------------- output

END {
	if (errors)
		exit 1
	check_tables()
	check_aliases()
	build_spellings()
	sort_keys(OP_NAME, OPO, NOP, "operation")
	for (k = 1; k <= NOP; k++)
		OP_POS[OPO[k]] = k - 1
	sort_keys(F_NAME, FO, NFILT, "filter")
	for (k = 1; k <= NFILT; k++)
		F_POS[FO[k]] = k - 1
	sort_keys(A_KEY, AO, NALIAS, "alias")
	for (k = 1; k <= NALIAS; k++)
		A_POS[AO[k]] = k - 1
	sort_keys(S_NAME, SO, NSPELL, "filter spelling")
	sort_keys(M_NAME, MO, NMOD, "modifier")
	sort_keys(C_NAME, CO, NCONST, "constant")
	sort_keys(L_NAME, LO, NLIB, "library name")
	for (i = 1; i <= NCONST; i++)
		if (C_NAME[i] in OP_IDX || C_NAME[i] in S_IDX || C_NAME[i] in M_IDX)
			fatal("constant '" C_NAME[i] "' is also an operation, filter or modifier")
	if (errors)
		exit 1

	print "/* Generated by data/gen-db.awk from the data/ tables: do not edit, never commit. */"
	print ""
	printf "#define DB_N_CATEGORIES %d\n", NCAT + 1
	printf "#define DB_N_OPS %d\n", NOP
	printf "#define DB_N_FILTERS %d\n", NFILT
	printf "#define DB_N_ALIASES %d\n", NALIAS
	printf "#define DB_N_SPELLINGS %d\n", NSPELL
	printf "#define DB_N_MODIFIERS %d\n", NMOD
	printf "#define DB_N_CONSTANTS %d\n", NCONST
	printf "#define DB_N_FAMILIES %d\n", NFAM
	printf "#define DB_N_LIBRARY %d\n", NLIB
	print ""

	print "static const char *const db_category_names[DB_N_CATEGORIES] = {"
	print "\t\"unknown\","
	for (c = 1; c <= NCAT; c++)
		printf "\t%s,\n", cstr(CAT_NAME[c])
	print "};"
	print ""
	incomplete = ""
	for (s = 1; s <= NSET; s++)
		if (!SET_COMPLETE[s])
			incomplete = incomplete (incomplete == "" ? "" : " | ") "DB_BIT(" s ")"
	if (incomplete == "")
		incomplete = "0"
	printf "static const uint64_t db_sets_incomplete = %s;\n\n", incomplete

	print "static const struct sb_db_op db_ops[DB_N_OPS] = {"
	for (k = 1; k <= NOP; k++) {
		i = OPO[k]
		flags = ""
		if (substr(OP_NAME[i], length(OP_NAME[i])) == "*" || HAS_CHILD[i])
			flags = flags " | SB_DB_OP_WILDCARD"
		if (flag_in(OP_FLAGS[i], "message-filter"))
			flags = flags " | SB_DB_OP_MESSAGE_FILTER"
		if (flag_in(OP_FLAGS[i], "inferred"))
			flags = flags " | SB_DB_OP_PARENT_INFERRED"
		if (OP_UNKNOWN[i])
			flags = flags " | SB_DB_OP_CATEGORIES_UNKNOWN"
		flags = flags == "" ? "0" : substr(flags, 4)
		hp = "NULL"; ht = "SB_DB_ACTION_NONE"; hu = 0
		if (OP_HIST[i] != "-") {
			hu = HIST_UNTIL[i]
			if (HIST_TO[i] == "allow") ht = "SB_DB_ACTION_ALLOW"
			else if (HIST_TO[i] == "deny") ht = "SB_DB_ACTION_DENY"
			else hp = "&db_ops[" OP_POS[OP_IDX[HIST_TO[i]]] "]"
		}
		parent = "NULL"
		if (OP_PARENT[i] != "-")
			parent = "&db_ops[" OP_POS[OP_IDX[OP_PARENT[i]]] "]"
		term = "SB_DB_ACTION_NONE"
		if (OP_TERM[i] == "allow") term = "SB_DB_ACTION_ALLOW"
		if (OP_TERM[i] == "deny") term = "SB_DB_ACTION_DENY"
		printf "\t{ .name = %s,\n", cstr(OP_NAME[i])
		printf "\t  .parent = %s,\n", parent
		printf "\t  .terminal = %s,\n", term
		printf "\t  .history_until = %d, .history_parent = %s, .history_terminal = %s,\n", hu, hp, ht
		printf "\t  .flags = %s,\n", flags
		printf "\t  .categories = %s,\n", cat_expr(i, 0)
		printf "\t  .categories_below = %s,\n", cat_expr(i, 1)
		printf "\t  .versions = %s,\n", versions("ops", OP_SINCE[i], OP_LAST[i], flag_in(OP_FLAGS[i], "ios-only"))
		printf "\t  .index = %d,\n", k - 1
		printf "\t  .source = %s },\n", cstr(OP_SRC[i])
	}
	print "};"
	print ""

	print "static const struct sb_db_filter db_filters[DB_N_FILTERS] = {"
	for (k = 1; k <= NFILT; k++) {
		i = FO[k]
		id = -1
		if (F_ID[i] != "-") id = F_ID[i]
		cat = 0
		if (F_CAT[i] != "*") cat = CAT_IDX[F_CAT[i]]
		matches = F_MATCHES[i]
		if (matches == "") matches = "0"
		printf "\t{ .name = %s, .id = %d, .category = %d, .arg = %s,\n", cstr(F_NAME[i]), id, cat, ARGKIND[F_ARG[i]]
		printf "\t  .matches = %s, .symbol_sets = %s,\n", matches, sets_expr(F_SETS[i])
		printf "\t  .versions = %s,\n", versions("filters", F_SINCE[i], F_LAST[i], flag_in(F_FLAGS[i], "ios-only"))
		printf "\t  .source = %s },\n", cstr(F_SRC[i])
	}
	print "};"
	print ""

	print "static const struct sb_db_alias db_aliases[DB_N_ALIASES] = {"
	for (k = 1; k <= NALIAS; k++) {
		a = AO[k]
		printf "\t{ .name = %s, .ns = %s, .kind = %s,\n", cstr(A_NAME[a]), NS[A_NS[a]], AKIND[A_KIND[a]]
		printf "\t  .target = %s, .target_arg = %s,\n", cstr(A_TARGET[a]), cstr(A_ARG[a])
		printf "\t  .versions = %s,\n", versions("aliases", A_SINCE[a], A_LAST[a], 0)
		printf "\t  .note = %s },\n", cstr(A_NOTE[a])
	}
	print "};"
	print ""

	print "static const struct sb_db_spelling db_spellings[DB_N_SPELLINGS] = {"
	for (k = 1; k <= NSPELL; k++) {
		i = SO[k]
		alias = "NULL"
		if (S_ALIAS[i]) alias = "&db_aliases[" A_POS[S_ALIAS[i]] "]"
		printf "\t{ %s, &db_filters[%d], %s, %s },\n", cstr(S_NAME[i]), F_POS[S_FILTER[i]], S_MATCH[i], alias
	}
	print "};"
	print ""

	for (k = 1; k <= NMOD; k++) {
		i = MO[k]
		if (M_OPS[i] == "any" || M_OPS[i] == "non-message")
			continue
		printf "static const struct sb_db_op *const db_mod_ops_%d[] = {", i
		n = split(M_OPS[i], parts, ",")
		for (j = 1; j <= n; j++)
			printf " &db_ops[%d],", OP_POS[OP_IDX[parts[j]]]
		print " NULL };"
	}
	print ""
	print "static const struct sb_db_modifier db_modifiers[DB_N_MODIFIERS] = {"
	for (k = 1; k <= NMOD; k++) {
		i = MO[k]
		scope = "SB_DB_MOD_LISTED_OPS"; ops = "db_mod_ops_" i
		if (M_OPS[i] == "any") { scope = "SB_DB_MOD_ANY_OP"; ops = "NULL" }
		if (M_OPS[i] == "non-message") { scope = "SB_DB_MOD_NON_MESSAGE_OP"; ops = "NULL" }
		printf "\t{ .name = %s, .actions = %s, .arg = %s,\n", cstr(M_NAME[i]), ACTIONS[M_ACTIONS[i]], ARGKIND[M_ARG[i]]
		printf "\t  .symbol_sets = %s, .scope = %s, .ops = %s,\n", sets_expr(M_SETS[i]), scope, ops
		printf "\t  .versions = %s,\n", versions("modifiers", M_SINCE[i], M_LAST[i], 0)
		printf "\t  .source = %s },\n", cstr(M_SRC[i])
	}
	print "};"
	print ""

	print "static const struct db_constant db_constants[DB_N_CONSTANTS] = {"
	for (k = 1; k <= NCONST; k++) {
		i = CO[k]
		value = C_VALUE[i] "L"; known = "true"
		if (C_VALUE[i] == "?") { value = "0"; known = "false" }
		printf "\t{ %s, %s, %s, %s },\n", cstr(C_NAME[i]), value, known, sets_expr(C_SETS[i])
	}
	print "};"
	print ""
	print "static const struct db_family db_families[DB_N_FAMILIES] = {"
	for (i = 1; i <= NFAM; i++) {
		f = FAM_NAME[i]
		upper = "false"
		if (substr(f, 1, 1) == "*") {
			prefix = ""; suffix = substr(f, 2)
		} else if (f ~ /\[A-Z\]\*$/) {
			prefix = substr(f, 1, length(f) - 6); suffix = ""; upper = "true"
		} else {
			prefix = substr(f, 1, length(f) - 1); suffix = ""
		}
		printf "\t{ \"%s\", \"%s\", %s, %s },\n", prefix, suffix, upper, sets_expr(FAM_SETS[i])
	}
	print "};"
	print ""

	print "static const struct sb_db_libfn db_library[DB_N_LIBRARY] = {"
	for (k = 1; k <= NLIB; k++) {
		i = LO[k]
		printf "\t{ .name = %s, .kind = %s, .expands = %s,\n", cstr(L_NAME[i]), LKIND[L_KIND[i]], cstr(L_EXPANDS[i])
		printf "\t  .versions = %s, .note = %s },\n", versions("aliases", L_SINCE[i], L_LAST[i], 0), cstr(L_NOTE[i])
	}
	print "};"
}
