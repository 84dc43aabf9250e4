/*
 * check_eval.c -- unit tests for the evaluator: src/eval.c (special forms,
 * tail calls, macros, quasiquote, limits, origins), src/builtins.c (the Scheme
 * primitives), src/sbpl_lib.c (allow/deny, filters, modifiers, param, import,
 * version and the rest of the SBPL library) and src/value.c (equality).
 *
 * Each row evaluates a small profile with sb_eval_* directly (no checks run,
 * so every finding is the evaluator's) and compares, as text, either the value
 * the profile binds to `r` or the rules it made, one per line, plus the one
 * finding it should make (or none).  The text forms are written out below:
 * values as Scheme prints them (inexact numbers with a point), rules as
 * "ACTION OP FILTER (with MOD ARG)...", filters as (require-any ...),
 * (require-all ...), (require-not ...), (SPELLED ARG [ARG2]) and <unknown>,
 * and a trailing " ?" on a conditional rule.
 */
#include "testutil.h"

#include <sys/stat.h>
#include <unistd.h>

#include "eval_impl.h"
#include "parse.h"
#include "sbpl_db.h"

/* ------------------------------------------------------------ harness */

static struct sb_eval *ev;        /* the evaluator of the last run */
static struct sb_profile *prof;   /* what it made */

/* Evaluate file (registered in the fixture's ctx) with opt (NULL: defaults). */
static struct sb_profile *eval_file_opt(uint32_t file, const struct sb_eval_options *opt)
{
	static const struct sb_eval_options defaults;
	ev = sb_eval_new(ctx, opt ? opt : &defaults);
	ck_assert_ptr_nonnull(ev);
	struct sb_parse_result *pr = sb_parse(ctx, file);
	ck_assert_ptr_nonnull(pr);
	ck_assert(sb_eval_file(ev, pr));
	prof = sb_eval_finish(ev);
	ck_assert_ptr_nonnull(prof);
	return prof;
}

static struct sb_profile *run_opt(const char *src, const struct sb_eval_options *opt)
{
	return eval_file_opt(tu_add(src, strlen(src)), opt);
}

static struct sb_profile *run(const char *src)
{
	return run_opt(src, NULL);
}

/* The global binding of name after the run, or NULL. */
static struct sb_value *global(const char *name)
{
	struct sb_sym *s = sb_intern(ev, name, strlen(name));
	ck_assert_ptr_nonnull(s);
	return s->global;
}

static void put_filter(FILE *f, const struct sb_filter *x);

static void put_value(FILE *f, const struct sb_value *v)
{
	char num[64];
	switch ((enum sb_vkind)v->kind) {
	case SB_V_NIL:     fputs("()", f); break;
	case SB_V_BOOL:    fputs(v->u.boolean.b ? "#t" : "#f", f); break;
	case SB_V_STR:     fprintf(f, "\"%.*s\"", (int)v->u.str.len, v->u.str.s); break;
	case SB_V_SYM:     fwrite(v->u.sym->name, 1, v->u.sym->len, f); break;
	case SB_V_CHAR:    fprintf(f, "#\\%c", (char)v->u.ch); break;
	case SB_V_OP:      fprintf(f, "#<operation %s>", v->u.op.op ? v->u.op.op->name : "no-op");
	                   break;
	case SB_V_FILTER:  put_filter(f, v->u.filter); break;
	case SB_V_MOD:     fprintf(f, "#<modifier %s>", v->u.mod->spelled); break;
	case SB_V_PRIM:    fprintf(f, "#<primitive %s>", v->u.prim->name); break;
	case SB_V_UNKNOWN: fputs("<unknown>", f); break;
	case SB_V_VOID:    fputs("<void>", f); break;
	case SB_V_CLOSURE:
		fprintf(f, "#<%s %s>", v->flags & SB_VF_MACRO ? "macro" : "procedure",
		        v->u.clo->name);
		break;
	case SB_V_NUM:
		if (v->flags & SB_VF_EXACT) {
			fprintf(f, "%lld", (long long)v->u.num.i);
			break;
		}
		snprintf(num, sizeof num, "%.15g", v->u.num.d);
		fputs(num, f);
		if (!strpbrk(num, ".ein"))
			fputs(".0", f);
		break;
	case SB_V_PAIR:
		fputc('(', f);
		for (int k = 0; v->kind == SB_V_PAIR; v = v->u.pair.cdr, k++) {
			if (k)
				fputc(' ', f);
			put_value(f, v->u.pair.car);
		}
		if (v->kind != SB_V_NIL) {
			fputs(" . ", f);
			put_value(f, v);
		}
		fputc(')', f);
		break;
	case SB_V_VECTOR:
		fputs("#(", f);
		for (uint32_t i = 0; i < v->u.vec.n; i++) {
			if (i)
				fputc(' ', f);
			put_value(f, v->u.vec.items[i]);
		}
		fputc(')', f);
		break;
	}
}

static void put_filter(FILE *f, const struct sb_filter *x)
{
	static const char *const names[] = {
		[SB_FILTER_ANY] = "require-any", [SB_FILTER_ALL] = "require-all",
		[SB_FILTER_NOT] = "require-not",
	};
	switch (x->kind) {
	case SB_FILTER_UNKNOWN:
		fputs("<unknown>", f);
		return;
	case SB_FILTER_LEAF:
		fprintf(f, "(%s", x->spelled);
		if (x->arg) {
			fputc(' ', f);
			put_value(f, x->arg);
		}
		if (x->arg2) {
			fputc(' ', f);
			put_value(f, x->arg2);
		}
		fputc(')', f);
		return;
	case SB_FILTER_ANY:
	case SB_FILTER_ALL:
	case SB_FILTER_NOT:
		fprintf(f, "(%s", names[x->kind]);
		for (uint32_t i = 0; i < x->nkids; i++) {
			fputc(' ', f);
			put_filter(f, x->kids[i]);
		}
		fputc(')', f);
		return;
	}
}

static void put_rule(FILE *f, const struct sb_rule *r)
{
	fprintf(f, "%s %s", r->action == SB_ACTION_ALLOW ? "allow" : "deny",
	        r->op ? r->op->name : "<none>");
	if (r->filter) {
		fputc(' ', f);
		put_filter(f, r->filter);
	}
	for (uint32_t i = 0; i < r->nmods; i++) {
		const struct sb_modifier *m = r->mods[i];
		fprintf(f, " (with %s", m->spelled);
		if (m->arg) {
			fputc(' ', f);
			put_value(f, m->arg);
		}
		for (size_t k = 0; k < m->nnested; k++) {
			fputs(" {", f);
			put_rule(f, m->nested[k]);
			fputc('}', f);
		}
		fputc(')', f);
	}
	if (r->conditional)
		fputs(" ?", f);
}

/* Text made by a printer above; freed by the fixture. */
static FILE *text_open(char **buf, size_t *len)
{
	FILE *f = open_memstream(buf, len);
	ck_assert_ptr_nonnull(f);
	return f;
}

static const char *text_close(FILE *f, char **buf)
{
	ck_assert_int_eq(fclose(f), 0);
	return tu_keep(*buf);
}

static const char *value_text(const struct sb_value *v)
{
	char *buf;
	size_t len;
	FILE *f = text_open(&buf, &len);
	put_value(f, v);
	return text_close(f, &buf);
}

/* The rules of l, one per line. */
static const char *rules_text(const struct sb_rule_list *l)
{
	char *buf;
	size_t len;
	FILE *f = text_open(&buf, &len);
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			fputc('\n', f);
		put_rule(f, l->v[i]);
	}
	return text_close(f, &buf);
}

enum { NONE = -1 };

/* One profile: what it should bind r to or the rules it should make, and the
 * one finding it should make (rule NONE: no finding at all). */
struct row {
	const char *src;
	const char *want;
	int rule;               /* enum sb_rule_id, or NONE */
	const char *at;         /* the finding's span: the first occurrence of this in src */
	const char *text;       /* part of its message */
};

/* The span of the first occurrence of at in src. */
static void span_of(const char *src, const char *at, uint32_t *start, uint32_t *end)
{
	const char *p = strstr(src, at);
	ck_assert_msg(p != NULL, "bad row: '%s' is not in '%s'", at, src);
	*start = (uint32_t)(p - src);
	*end = *start + (uint32_t)strlen(at);
}

static void expect_finding(const char *src, const struct row *r)
{
	if (r->rule == NONE) {
		tu_assert_ndiags(ctx, 0);
		return;
	}
	tu_assert_ndiags(ctx, 1);
	uint32_t start, end;
	span_of(src, r->at, &start, &end);
	tu_expect(ctx, (enum sb_rule_id)r->rule, start, end, r->text);
}

/* src binds r: compare its value and the finding. */
static void check_program(const char *src, const struct row *r)
{
	run(src);
	expect_finding(src, r);
	const struct sb_value *v = global("r");
	ck_assert_msg(v != NULL, "'%s' does not define r", src);
	ck_assert_str_eq(value_text(v), r->want);
}

/* r->src is an expression: the profile is (define r EXPR). */
static void check_expr(const struct row *r)
{
	size_t n = strlen(r->src) + 16;
	char *src = tu_keep(malloc(n));
	snprintf(src, n, "(define r %s)", r->src);
	check_program(src, r);
}

/* r->src is a profile: compare the rules it made. */
static void check_rules(const struct row *r)
{
	run(r->src);
	expect_finding(r->src, r);
	ck_assert_str_eq(rules_text(&prof->rules), r->want);
}

#define EXPR_TEST(fn, table) \
	START_TEST(fn) { check_expr(&(table)[_i]); } END_TEST
#define PROGRAM_TEST(fn, table) \
	START_TEST(fn) { check_program((table)[_i].src, &(table)[_i]); } END_TEST
#define RULES_TEST(fn, table) \
	START_TEST(fn) { check_rules(&(table)[_i]); } END_TEST

#define BAD SB_RULE_BAD_ARGUMENT
#define OK(src, want) { src, want, NONE, NULL, NULL }

/* ------------------------------------------------------------ builtins: lists */

static const struct row lists[] = {
	OK("(cons 1 2)",                          "(1 . 2)"),
	OK("(cons 1 '(2))",                       "(1 2)"),
	OK("(car '(1 2))",                        "1"),
	OK("(cdr '(1 2))",                        "(2)"),
	OK("(caar '((1) 2))",                     "1"),
	OK("(cadr '(1 2 3))",                     "2"),
	OK("(cdar '((1 . 5)))",                   "5"),
	OK("(cddr '(1 2 3))",                     "(3)"),
	OK("(caddr '(1 2 3))",                    "3"),
	OK("(cdddr '(1 2 3 4))",                  "(4)"),
	OK("(caadr '(1 (2)))",                    "2"),
	OK("(cadddr '(1 2 3 4))",                 "4"),
	OK("(cddddr '(1 2 3 4 5))",               "(5)"),
	OK("(caaaar '((((x)))))",                 "x"),
	OK("(list)",                              "()"),
	OK("(list 1 \"s\" #\\a 'x 1.5 '())",      "(1 \"s\" #\\a x 1.5 ())"),
	OK("(length '(1 2 3))",                   "3"),
	OK("(length '())",                        "0"),
	OK("(append)",                            "()"),
	OK("(append '(1))",                       "(1)"),
	OK("(append '(1) '(2 3) '() '(4))",       "(1 2 3 4)"),
	OK("(append '(1) 2)",                     "(1 . 2)"),
	OK("(append '() '())",                    "()"),
	OK("(reverse '(1 2 3))",                  "(3 2 1)"),
	OK("(reverse '())",                       "()"),
	OK("(list-tail '(1 2 3) 1)",              "(2 3)"),
	OK("(list-tail '(1 2 3) 3)",              "()"),
	OK("(list-ref '(a b c) 0)",               "a"),
	OK("(list-ref '(a b c) 2)",               "c"),
	OK("(memq 'c '(a b c d))",                "(c d)"),
	OK("(memq 'z '(a b))",                    "#f"),
	OK("(memq \"b\" '(\"a\" \"b\"))",         "#f"),   /* strings: not eq? */
	OK("(memv 2 '(1 2 3))",                   "(2 3)"),
	OK("(memv 2.0 '(1 2 3))",                 "#f"),   /* exactness differs */
	OK("(member \"b\" '(\"a\" \"b\" \"c\"))", "(\"b\" \"c\")"),
	OK("(member '(1) '(0 (1) 2))",            "((1) 2)"),
	OK("(member 9 '())",                      "#f"),
	OK("(assq 'b '((a 1) (b 2)))",            "(b 2)"),
	OK("(assq 'x '((a 1)))",                  "#f"),
	OK("(assq \"b\" '((\"b\" 1)))",           "#f"),
	OK("(assv 2 '((1 one) (2 two)))",         "(2 two)"),
	OK("(assoc \"b\" '((\"a\" . 1) (\"b\" . 2)))", "(\"b\" . 2)"),
	OK("(assoc '(k) '(x ((k) . v)))",         "((k) . v)"),   /* non-pairs skipped */
	OK("(last-pair '(1 2 3))",                "(3)"),
	OK("(let ((p (list 1 2))) (set-car! p 9) p)",          "(9 2)"),
	OK("(let ((p (list 1 2))) (set-cdr! (cdr p) '(3)) p)", "(1 2 3)"),
};
EXPR_TEST(test_lists, lists)

static const struct row list_errors[] = {
	{ "(car '())",              "<unknown>", BAD, "(car '())", "'car' needs a pair, got ()" },
	{ "(cdr 5)",                "<unknown>", BAD, "5", "'cdr' needs a pair, got 5" },
	{ "(cadr '(1))",            "<unknown>", BAD, "(cadr '(1))", "'cadr' needs a pair, got ()" },
	{ "(car 1 2)",              "<unknown>", BAD, "(car 1 2)", "'car' takes 1 argument, got 2" },
	{ "(cons 1)",               "<unknown>", BAD, "(cons 1)", "'cons' takes 2 arguments, got 1" },
	{ "(length '(1 . 2))",      "<unknown>", BAD, "(1 . 2)", "'length' needs a list" },
	{ "(append 1 '(2))",        "<unknown>", BAD, "1", "'append' needs a list, got 1" },
	{ "(reverse 'x)",           "<unknown>", BAD, "x", "'reverse' needs a list, got x" },
	{ "(list-tail '(a b) 3)",   "<unknown>", BAD, "(list-tail '(a b) 3)", "the list is too short" },
	{ "(list-ref '(a b) 2)",    "<unknown>", BAD, "(list-ref '(a b) 2)", "'list-ref': the list is too short" },
	{ "(list-ref '(a) -1)",     "<unknown>", BAD, "-1", "'list-ref' needs a non-negative integer" },
	{ "(list-ref '(a b) 5)",    "<unknown>", BAD, "(list-ref '(a b) 5)", "'list-ref': the list is too short" },
	{ "(last-pair '())",        "<unknown>", BAD, "(last-pair '())", "'last-pair' needs a pair" },
	{ "(set-car! 1 2)",         "<unknown>", BAD, "1", "'set-car!' needs a pair" },
};
EXPR_TEST(test_list_errors, list_errors)

/* ------------------------------------------------------------ builtins: higher order */

static const struct row higher_order[] = {
	OK("(map (lambda (x) (* x x)) '(1 2 3))",      "(1 4 9)"),
	OK("(map + '(1 2) '(10 20) '(100 200))",       "(111 222)"),
	OK("(map + '(1 2 3) '(10))",                   "(11)"),     /* the shortest list */
	OK("(map car '())",                            "()"),
	OK("(map cons '(a b) '(1 2))",                 "((a . 1) (b . 2))"),
	OK("(let ((acc '())) (for-each (lambda (x y) (set! acc (cons (- x y) acc))) "
	   "'(10 20) '(1 2)) acc)",                    "(18 9)"),
	OK("(for-each car '())",                       "<void>"),
	OK("(apply + '(1 2 3))",                       "6"),
	OK("(apply + 1 2 '(3 4))",                     "10"),
	OK("(apply list '())",                         "()"),
	OK("(apply (lambda (a . b) b) 1 '(2 3))",      "(2 3)"),
	OK("(filter odd? '(1 2 3 4 5))",               "(1 3 5)"),
	OK("(filter odd? '())",                        "()"),
	OK("(partition even? '(1 2 3 4))",             "((2 4) (1 3))"),
	OK("(partition even? '())",                    "(() ())"),
	/* init.scm's foldr is TinyScheme's: a left fold calling (f acc x) */
	OK("(foldr cons '() '(1 2 3))",                "(((() . 1) . 2) . 3)"),
	OK("(foldr - 0 '(1 2 3))",                     "-6"),
	OK("(foldr + 0 '())",                          "0"),
	OK("(foldr (lambda (a b) (if (> a b) a b)) 3 '(1 7 2))", "7"),   /* init.scm's max */
	OK("(foldl cons '() '(1 2 3))",                "(((() . 1) . 2) . 3)"),
	OK("(foldl string-append \"\" '(\"a\" \"b\" \"c\"))", "\"abc\""),
	OK("(flatten '(1 (2 (3 4)) () ((5))))",        "(1 2 3 4 5)"),
	OK("(flatten '())",                            "()"),
	OK("(flatten 5)",                              "(5)"),
};
EXPR_TEST(test_higher_order, higher_order)

static const struct row higher_order_errors[] = {
	{ "(map car 5)",         "<unknown>", BAD, "5", "'map' needs a list, got 5" },
	{ "(for-each car '(1))", "<void>",    BAD, "1", "'car' needs a pair, got 1" },
	{ "(apply + 1)",         "<unknown>", BAD, "1", "'apply' needs a list as its last argument" },
	{ "(apply 5 '())",       "<unknown>", BAD, "(apply 5 '())", "5 is not a procedure" },
	{ "(filter odd? 'x)",    "<unknown>", BAD, "x", "'filter' needs a list, got x" },
	{ "(partition odd? 1)",  "<unknown>", BAD, "1", "'partition' needs a list, got 1" },
	{ "(foldr + 0 2)",       "<unknown>", BAD, "2", "'foldr' needs a list, got 2" },
	{ "(map car)",           "<unknown>", BAD, "(map car)", "'map' takes at least 2 arguments, got 1" },
	{ "(flatten (let loop ((i 0) (x 1)) (if (= i 1000) x (loop (+ i 1) (list x)))))", "<unknown>",
	  SB_RULE_RESOURCE_LIMIT, "(flatten (let loop ((i 0) (x 1)) (if (= i 1000) x (loop (+ i 1) "
	  "(list x)))))", "'flatten': list nested too deep" },
};
EXPR_TEST(test_higher_order_errors, higher_order_errors)

/* ------------------------------------------------------------ builtins: predicates */

static const struct row predicates[] = {
	OK("(list (null? '()) (null? '(1)) (null? #f))",               "(#t #f #f)"),
	OK("(list (pair? '(1)) (pair? '()) (pair? (cons 1 2)))",       "(#t #f #t)"),
	OK("(list (list? '(1 2)) (list? '(1 . 2)) (list? '()) (list? 1))", "(#t #f #t #f)"),
	OK("(list (symbol? 'a) (symbol? \"a\") (symbol? '()))",        "(#t #f #f)"),
	OK("(list (string? \"a\") (string? #\\a) (string? 'a))",       "(#t #f #f)"),
	OK("(list (number? 1) (number? 1.5) (number? \"1\"))",         "(#t #t #f)"),
	OK("(list (integer? 1) (integer? 1.5) (integer? 'a))",         "(#t #f #f)"),
	OK("(list (boolean? #f) (boolean? #t) (boolean? '()) (boolean? 0))", "(#t #t #f #f)"),
	OK("(list (procedure? car) (procedure? (lambda () 1)) (procedure? 'car))", "(#t #t #f)"),
	OK("(list (char? #\\a) (char? \"a\"))",                        "(#t #f)"),
	OK("(list (vector? (vector)) (vector? '#(1)) (vector? '(1)))", "(#t #t #f)"),
	OK("(list (atom? 1) (atom? '(1)) (atom? '()) (atom? \"s\"))",  "(#t #f #t #t)"),
	OK("(list (not #f) (not '()) (not 0) (not #t))",               "(#t #f #f #f)"),
};
EXPR_TEST(test_predicates, predicates)

static const struct row equivalence[] = {
	OK("(list (eq? 'a 'a) (eq? 'a 'b) (eq? '() '()))",             "(#t #f #t)"),
	OK("(eq? \"a\" \"a\")",                                        "#f"),   /* two strings */
	OK("(let ((s \"a\")) (eq? s s))",                              "#t"),
	OK("(list (eq? car car) (eq? #t #t) (eq? #\\a #\\a))",         "(#t #t #t)"),
	OK("(list (eqv? 1 1) (eqv? 1 1.0) (eqv? 1.5 1.5) (eqv? 1 2))", "(#t #f #t #f)"),
	OK("(eqv? \"a\" \"a\")",                                       "#f"),
	OK("(list (eqv? (list 1) (list 1)) (eqv? (vector) (vector)))", "(#f #f)"),
	OK("(list (equal? \"a\" \"a\") (equal? \"a\" \"ab\") (equal? \"a\" 'a))", "(#t #f #f)"),
	OK("(equal? '(1 (2 \"x\") . 3) '(1 (2 \"x\") . 3))",          "#t"),
	OK("(equal? '(1 2) '(1 3))",                                   "#f"),
	OK("(equal? '(1 2) '(1 2 3))",                                 "#f"),
	OK("(equal? (vector 1 \"a\" '(b)) (vector 1 \"a\" '(b)))",     "#t"),
	OK("(equal? (vector 1 2) (vector 1))",                         "#f"),
	OK("(equal? 2 2.0)",                                           "#f"),
	/* long and deep structures compare without recursion */
	OK("(let ((mk (lambda (n) (let loop ((i 0) (x '())) (if (= i n) x (loop (+ i 1) (cons i x)))))))"
	   " (list (equal? (mk 100000) (mk 100000)) (equal? (mk 100000) (mk 99999))))", "(#t #f)"),
	OK("(let ((mk (lambda (n) (let loop ((i 0) (x '())) (if (= i n) x (loop (+ i 1) (list x 1)))))))"
	   " (list (equal? (mk 100000) (mk 100000)) (equal? (mk 1000) (mk 1001))))", "(#t #f)"),
};
EXPR_TEST(test_equivalence, equivalence)

/* ------------------------------------------------------------ builtins: numbers */

static const struct row arithmetic[] = {
	OK("(+)",                                  "0"),
	OK("(+ 1 2 3)",                            "6"),
	OK("(+ 1 0.5)",                            "1.5"),
	OK("(- 5)",                                "-5"),
	OK("(- 10 1 2)",                           "7"),
	OK("(- 1 0.5)",                            "0.5"),
	OK("(*)",                                  "1"),
	OK("(* 2 3 4)",                            "24"),
	OK("(* 1.5 2)",                            "3.0"),
	OK("(/ 6 3)",                              "2"),
	OK("(/ 7 2)",                              "3.5"),
	OK("(/ 2)",                                "0.5"),
	OK("(/ 6.0 3)",                            "2.0"),
	/* overflow makes the result inexact, never wraps */
	OK("(+ 9223372036854775807 1)",            "9.22337203685478e+18"),
	OK("(- -9223372036854775807 2)",           "-9.22337203685478e+18"),
	OK("(* 4611686018427387904 2)",            "9.22337203685478e+18"),
	OK("(- -9223372036854775808)",             "9.22337203685478e+18"),
	OK("(+ 9223372036854775806 1)",            "9223372036854775807"),
	OK("(quotient 7 2)",                       "3"),
	OK("(quotient -7 2)",                      "-3"),
	OK("(quotient 7 -2)",                      "-3"),
	OK("(quotient -7 -2)",                     "3"),
	OK("(remainder 7 2)",                      "1"),
	OK("(remainder -7 2)",                     "-1"),   /* the sign of the dividend */
	OK("(remainder 7 -2)",                     "1"),
	OK("(remainder -7 -2)",                    "-1"),
	OK("(modulo 7 2)",                         "1"),
	OK("(modulo -7 2)",                        "1"),    /* the sign of the divisor */
	OK("(modulo 7 -2)",                        "-1"),
	OK("(modulo -7 -2)",                       "-1"),
	OK("(modulo 6 -3)",                        "0"),
	OK("(quotient -9223372036854775808 -1)",   "-9223372036854775808"),
	OK("(remainder -9223372036854775808 -1)",  "0"),
	OK("(abs -5)",                             "5"),
	OK("(abs 5)",                              "5"),
	OK("(abs -1.5)",                           "1.5"),
	OK("(abs -9223372036854775808)",           "9.22337203685478e+18"),
	OK("(min 3 1 2)",                          "1"),
	OK("(max 3 1 2)",                          "3"),
	OK("(max 1 2.5)",                          "2.5"),
	OK("(exact->inexact 1)",                   "1.0"),
	OK("(inexact->exact 2.0)",                 "2"),
};
EXPR_TEST(test_arithmetic, arithmetic)

static const struct row comparison[] = {
	OK("(list (= 1 1 1) (= 1 2) (= 1 1.0) (= 1))",          "(#t #f #t #t)"),
	OK("(list (< 1 2 3) (< 1 3 2) (< 1 1.5) (< 2 1))",      "(#t #f #t #f)"),
	OK("(list (> 3 2 1) (> 3 3) (> 2.5 2))",                "(#t #f #t)"),
	OK("(list (<= 1 1 2) (<= 2 1))",                        "(#t #f)"),
	OK("(list (>= 2 2 1) (>= 1 2))",                        "(#t #f)"),
	OK("(< 9223372036854775806 9223372036854775807)",       "#t"),   /* not via double */
	OK("(list (zero? 0) (zero? 1) (zero? 0.0))",            "(#t #f #t)"),
	OK("(list (positive? 1) (positive? 0) (negative? -1) (negative? 0))", "(#t #f #t #f)"),
	OK("(list (odd? 3) (odd? -3) (odd? 0) (even? 0) (even? -4) (even? 3))",
	   "(#t #t #f #t #t #f)"),
};
EXPR_TEST(test_comparison, comparison)

static const struct row number_errors[] = {
	{ "(+ 1 \"a\")",       "<unknown>", BAD, "\"a\"", "'+' needs a number, got \"a\"" },
	{ "(- 'x)",            "<unknown>", BAD, "x", "'-' needs a number, got x" },
	{ "(* 2 '())",         "<unknown>", BAD, "(* 2 '())", "'*' needs a number, got ()" },
	{ "(/ 1 0)",           "<unknown>", BAD, "(/ 1 0)", "division by zero" },
	{ "(quotient 1 0)",    "<unknown>", BAD, "(quotient 1 0)", "'quotient' by zero" },
	{ "(remainder 1 0)",   "<unknown>", BAD, "(remainder 1 0)", "'remainder' by zero" },
	{ "(modulo 1 0)",      "<unknown>", BAD, "(modulo 1 0)", "'modulo' by zero" },
	{ "(quotient 1.5 1)",  "<unknown>", BAD, "1.5", "'quotient' needs integers, got 1.5" },
	{ "(< 1 'a)",          "<unknown>", BAD, "a", "'<' needs a number, got a" },
	{ "(zero? \"0\")",     "<unknown>", BAD, "\"0\"", "'zero?' needs a number" },
	{ "(max)",             "<unknown>", BAD, "(max)", "'max' takes at least 1 argument, got 0" },
	{ "(-)",               "<unknown>", BAD, "(-)", "'-' takes at least 1 argument, got 0" },
};
EXPR_TEST(test_number_errors, number_errors)

/* ------------------------------------------------------------ builtins: strings */

static const struct row strings[] = {
	OK("(string-append)",                      "\"\""),
	OK("(string-append \"a\" \"bc\" \"\")",    "\"abc\""),
	OK("(string-append \"/p\")",               "\"/p\""),
	OK("(string-length \"\")",                 "0"),
	OK("(string-length \"abc\")",              "3"),
	OK("(substring \"hello\" 1 3)",            "\"el\""),
	OK("(substring \"hello\" 2)",              "\"llo\""),
	OK("(substring \"hello\" 5 5)",            "\"\""),
	OK("(string-ref \"abc\" 1)",               "#\\b"),
	OK("(list (string=? \"a\" \"a\") (string=? \"a\" \"b\") (string=? \"a\" \"ab\"))",
	   "(#t #f #f)"),
	OK("(list (string<? \"a\" \"b\") (string<? \"b\" \"a\") (string<? \"a\" \"ab\") "
	   "(string<? \"a\" \"a\"))",              "(#t #f #t #f)"),
	OK("(list (string>? \"b\" \"a\") (string>? \"ab\" \"abc\"))", "(#t #f)"),
	OK("(list (string-ci=? \"AbC\" \"aBc\") (string-ci=? \"a\" \"b\"))", "(#t #f)"),
	OK("(list (string-prefix? \"/usr\" \"/usr/lib\") (string-prefix? \"/usr/lib/x\" \"/usr\") "
	   "(string-prefix? \"\" \"abc\") (string-prefix? \"/b\" \"/a/b\"))", "(#t #f #t #f)"),
	OK("(list (string-suffix? \".dylib\" \"a.dylib\") (string-suffix? \"x\" \"\") "
	   "(string-suffix? \"a\" \"ab\"))",       "(#t #f #f)"),
};
EXPR_TEST(test_strings, strings)

static const struct row conversions[] = {
	OK("(string->symbol \"abc\")",               "abc"),
	OK("(eq? (string->symbol \"abc\") 'abc)",    "#t"),
	OK("(symbol->string 'foo)",                  "\"foo\""),
	OK("(number->string 42)",                    "\"42\""),
	OK("(number->string -7)",                    "\"-7\""),
	OK("(number->string 1.5)",                   "\"1.5\""),
	OK("(number->string 255 16)",                "\"ff\""),
	OK("(number->string -10 2)",                 "\"-1010\""),
	OK("(number->string 8 8)",                   "\"10\""),
	OK("(number->string 12 10)",                 "\"12\""),
	OK("(string->number \"42\")",                "42"),
	OK("(string->number \"-3\")",                "-3"),
	OK("(string->number \"1.5\")",               "1.5"),
	OK("(string->number \"ff\" 16)",             "255"),
	OK("(string->number \"abc\")",               "#f"),
	OK("(string->number \"\")",                  "#f"),
	OK("(string->number \"12x\")",               "#f"),
	OK("(string->list \"ab\")",                  "(#\\a #\\b)"),
	OK("(string->list \"\")",                    "()"),
	OK("(list->string (list #\\x #\\y))",        "\"xy\""),
	OK("(list->string '())",                     "\"\""),
	OK("(string #\\a #\\b)",                     "\"ab\""),
	OK("(string)",                               "\"\""),
	OK("(split-string \"a:b:c\" \":\")",         "(\"a\" \"b\" \"c\")"),
	OK("(split-string \"abc\" \":\")",           "(\"abc\")"),
	OK("(split-string \"\" \":\")",              "(\"\")"),
	OK("(split-string \":a:\" \":\")",           "(\"\" \"a\" \"\")"),
	OK("(split-string \"a::b\" \"::\")",         "(\"a\" \"b\")"),
	OK("(list (char=? #\\a #\\a) (char=? #\\a #\\b))", "(#t #f)"),
	OK("(char->integer #\\A)",                   "65"),
	OK("(integer->char 97)",                     "#\\a"),
};
EXPR_TEST(test_conversions, conversions)

static const struct row string_errors[] = {
	{ "(string-append \"a\" 1)",  "<unknown>", BAD, "1", "'string-append' needs a string, got 1" },
	{ "(string-length 'a)",       "<unknown>", BAD, "a", "'string-length' needs a string" },
	{ "(substring \"abc\" 2 1)",  "<unknown>", BAD, "(substring \"abc\" 2 1)",
	  "'substring' 2..1 is outside the string of length 3" },
	{ "(substring \"abc\" 0 4)",  "<unknown>", BAD, "(substring \"abc\" 0 4)", "outside the string" },
	{ "(string-ref \"abc\" 3)",   "<unknown>", BAD, "(string-ref \"abc\" 3)",
	  "'string-ref' index 3 is past the end of a string of length 3" },
	{ "(string=? \"x\" 'a)",      "<unknown>", BAD, "a", "'string=?' needs a string, got a" },
	{ "(string-prefix? 1 \"a\")", "<unknown>", BAD, "1", "'string-prefix?' needs a string" },
	{ "(string->symbol 1)",       "<unknown>", BAD, "1", "'string->symbol' needs a string" },
	{ "(symbol->string \"s\")",   "<unknown>", BAD, "\"s\"", "'symbol->string' needs a symbol" },
	{ "(number->string \"1\")",   "<unknown>", BAD, "\"1\"", "'number->string' needs a number" },
	{ "(number->string 1 3)",     "<unknown>", BAD, "3", "radix of 2, 8, 10 or 16" },
	{ "(list->string '(1))",      "<unknown>", BAD, "1", "'list->string' needs characters, got 1" },
	{ "(string 1)",               "<unknown>", BAD, "1", "'string' needs characters, got 1" },
	{ "(split-string \"a\" \"\")", "<unknown>", BAD, "(split-string \"a\" \"\")",
	  "'split-string' needs a separator" },
	{ "(char=? #\\a 1)",          "<unknown>", BAD, "1", "'char=?' needs a character" },
	{ "(char->integer \"a\")",    "<unknown>", BAD, "\"a\"", "'char->integer' needs a character" },
};
EXPR_TEST(test_string_errors, string_errors)

/* ------------------------------------------------------------ builtins: vectors and the rest */

static const struct row vectors_misc[] = {
	OK("(vector 1 'a \"s\")",                  "#(1 a \"s\")"),
	OK("(vector)",                             "#()"),
	OK("'#(1 (2))",                            "#(1 (2))"),
	OK("#(1 2)",                               "#(1 2)"),          /* self-evaluating */
	OK("(vector-ref (vector 1 2 3) 2)",        "3"),
	OK("(vector-length (vector))",             "0"),
	OK("(vector-length '#(1 2))",              "2"),
	OK("(vector->list (vector 1 2))",          "(1 2)"),
	OK("(vector->list (vector))",              "()"),
	OK("(symbol? (gensym))",                   "#t"),
	OK("(eq? (gensym) (gensym))",              "#f"),
	OK("(list (display \"x\") (newline) (write 1))", "(<void> <void> <void>)"),
	OK("(if #f (error \"never\") 1)",          "1"),
};
EXPR_TEST(test_vectors_misc, vectors_misc)

static const struct row misc_errors[] = {
	{ "(vector-ref (vector 1) 1)", "<unknown>", BAD, "(vector-ref (vector 1) 1)",
	  "'vector-ref' index out of range" },
	{ "(vector-ref '(1) 0)",       "<unknown>", BAD, "(1)", "'vector-ref' needs a vector" },
	{ "(vector-length 1)",         "<unknown>", BAD, "1", "'vector-length' needs a vector" },
	{ "(vector->list \"s\")",      "<unknown>", BAD, "\"s\"", "'vector->list' needs a vector" },
	{ "(error \"boom\" 1)",        "<unknown>", BAD, "(error \"boom\" 1)",
	  "the profile calls (error \"boom\"); sandbox-exec stops" },
	{ "(gensym 1)",                "<unknown>", BAD, "(gensym 1)", "'gensym' takes 0 arguments, got 1" },
	{ "(load \"x.scm\")",          "<unknown>", SB_RULE_UNSUPPORTED_CONSTRUCT, "(load \"x.scm\")",
	  "'load' is not supported by sbplc" },
	{ "(eval '(+ 1 2))",           "<unknown>", SB_RULE_UNSUPPORTED_CONSTRUCT, "(eval '(+ 1 2))",
	  "'eval' is not supported" },
	{ "(call/cc car)",             "<unknown>", SB_RULE_UNSUPPORTED_CONSTRUCT, "(call/cc car)",
	  "'call/cc' is not supported" },
	{ "(call-with-current-continuation car)", "<unknown>", SB_RULE_UNSUPPORTED_CONSTRUCT,
	  "(call-with-current-continuation car)", "'call/cc' is not supported" },
	{ "(read)",                    "<unknown>", SB_RULE_UNSUPPORTED_CONSTRUCT, "(read)",
	  "'read' is not supported by sbplc" },
	{ "(open-input-file \"f\")",  "<unknown>", SB_RULE_UNSUPPORTED_CONSTRUCT,
	  "(open-input-file \"f\")", "'open-input-file' is not supported" },
	{ "(open-input-string \"s\")", "<unknown>", SB_RULE_UNSUPPORTED_CONSTRUCT,
	  "(open-input-string \"s\")", "'open-input-string' is not supported" },
	{ "(open-output-file \"f\")", "<unknown>", SB_RULE_UNSUPPORTED_CONSTRUCT,
	  "(open-output-file \"f\")", "'open-output-file' is not supported" },
	{ "(with-output-to-file \"f\" car)", "<unknown>", SB_RULE_UNSUPPORTED_CONSTRUCT,
	  "(with-output-to-file \"f\" car)", "'with-output-to-file' is not supported" },
	{ "(if zork (load \"x\") 1)",  "<unknown>", SB_RULE_UNBOUND_VARIABLE, "zork",
	  "unbound variable 'zork'" },   /* not reported in an undecidable branch */
	/* values in messages are cut short */
	{ "(length '(1 2 3 4 5 6 7 8 . 9))", "<unknown>", BAD, "(1 2 3 4 5 6 7 8 . 9)",
	  "'length' needs a list, got (1 2 3 4 5 6 ...)" },
	{ "(+ 1 '(((((a))))))",        "<unknown>", BAD, "(((((a)))))",
	  "'+' needs a number, got (((((...)))))" },
	{ "(5 1)",                     "<unknown>", BAD, "(5 1)", "5 is not a procedure" },
	{ "(\"f\")",                   "<unknown>", BAD, "(\"f\")", "\"f\" is not a procedure" },
};
EXPR_TEST(test_misc_errors, misc_errors)

/* ------------------------------------------------------------ special forms */

static const struct row defines[] = {
	OK("(define r 5)",                                         "5"),
	OK("(define r)",                                           "<void>"),
	OK("(define (f) 7) (define r (f))",                        "7"),
	OK("(define (r) 7)",                                       "#<procedure r>"),
	OK("(define r (lambda (x) x))",                            "#<procedure r>"),  /* named */
	OK("(define (f a . rest) (list a rest)) (define r (list (f 1) (f 1 2 3)))",
	   "((1 ()) (1 (2 3)))"),
	OK("(define (f . all) all) (define r (list (f) (f 1 2)))", "(() (1 2))"),
	OK("(define (f x) (define y (* x 2)) (define (g) (+ y 1)) (g)) (define r (f 5))", "11"),
	OK("(define y 1) (define (f) (define y 2) y) (define r (list (f) y))", "(2 1)"),
	OK("(define r 1) (define r 2)",                            "2"),
	OK("(define x 1) (define (f) x) (define x 2) (define r (f))", "2"),   /* late binding */
	OK("(define (adder n) (lambda (x) (+ x n))) (define r ((adder 3) 4))", "7"),
	OK("(define (make-counter) (let ((n 0)) (lambda () (set! n (+ n 1)) n))) "
	   "(define c (make-counter)) (c) (define r (list (c) ((make-counter))))", "(2 1)"),
	OK("(define-once r 1) (define-once r 2)",                  "1"),
	OK("(define-once (r) 1) (define-once (r) 2) (set! r (r))", "1"),
	OK("(define r (let () (define-once a 1) (define-once a 2) a))", "1"),
	OK("(define car 5) (define r car)",                        "5"),   /* primitives rebind */
	OK("(define (if x) x) (define r (if 3))",                  "3"),   /* special forms too */
};
PROGRAM_TEST(test_defines, defines)

static const struct row lambdas[] = {
	OK("((lambda (a b) (+ a b)) 1 2)",                  "3"),
	OK("((lambda () 1))",                               "1"),
	OK("((lambda (a . b) b) 1 2 3)",                    "(2 3)"),
	OK("((lambda (a . b) b) 1)",                        "()"),
	OK("((lambda args args) 1 2)",                      "(1 2)"),
	OK("((lambda args args))",                          "()"),
	OK("((lambda (x) (define y 2) (+ x y)) 1)",         "3"),
	OK("((lambda (x) 1 2 x) 3)",                        "3"),
	OK("((lambda ()))",                                 "<void>"),
	OK("(lambda (x) x)",                                "#<procedure r>"),   /* (define r ...) */
	OK("(list (lambda (x) x))",                         "(#<procedure lambda>)"),
	OK("(let ((f (lambda (x) x))) f)",                  "#<procedure f>"),
};
EXPR_TEST(test_lambdas, lambdas)

static const struct row lets[] = {
	OK("(let ((a 1) (b 2)) (+ a b))",                   "3"),
	OK("(let () 5)",                                    "5"),
	OK("(let ((a 1)))",                                 "<void>"),
	OK("(let ((a 1)) (let ((a 2) (b a)) b))",           "1"),     /* inits see the outside */
	OK("(let* ((a 1) (b (+ a 1))) (list a b))",         "(1 2)"),
	OK("(let* () 4)",                                   "4"),
	OK("(letrec ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1))))) "
	   "(od? (lambda (n) (if (= n 0) #f (ev? (- n 1)))))) (list (ev? 10) (od? 7)))", "(#t #t)"),
	OK("(letrec ((f (lambda () g)) (g 2)) (f))",        "2"),
	OK("(letrec* ((a 1) (b (+ a 1))) b)",               "2"),
	OK("(let loop ((i 0) (acc '())) (if (= i 3) acc (loop (+ i 1) (cons i acc))))", "(2 1 0)"),
	OK("(let loop ((i 0)) (when (< i 3) (loop (+ i 1))))", "()"),
	OK("(let loop () 7)",                               "7"),
	OK("(let ((x 1)) (define x 2) x)",                  "2"),
};
EXPR_TEST(test_lets, lets)

static const struct row conditionals[] = {
	OK("(list (if #t 1 2) (if #f 1 2))",                     "(1 2)"),
	OK("(list (if '() 1 2) (if 0 1 2) (if \"\" 1 2))",       "(1 1 1)"),    /* only #f is false */
	OK("(if #f #f)",                                         "()"),         /* TinyScheme */
	OK("(if #t 5)",                                          "5"),
	OK("(list (when #t 1 2) (when #f 1) (when #t))",         "(2 () ())"),
	OK("(list (unless #f 3) (unless #t 3))",                 "(3 ())"),
	OK("(cond (#f 1) (#t 2))",                               "2"),
	OK("(cond (#f 1) (else 3))",                             "3"),
	OK("(cond (#f 1))",                                      "()"),
	OK("(cond (5))",                                         "5"),
	OK("(cond ((assv 2 '((1 . a) (2 . b))) => cdr) (else 'no))", "b"),
	OK("(cond ((memq 'z '(a)) => car) (else 'no))",          "no"),
	OK("(cond (#t 1 2 3))",                                  "3"),
	OK("(case 3 ((1 2) 'low) ((3 4) 'mid) (else 'high))",    "mid"),
	OK("(case 9 ((1) 'a) (else 'z))",                        "z"),
	OK("(case 'x ((x y) 'sym))",                             "sym"),
	OK("(case \"s\" ((\"s\") 'str))",                        "str"),
	OK("(case 1 ((2) 'no))",                                 "()"),
	OK("(case 1 ((1)))",                                     "()"),
	OK("(list (and) (and 1 2) (and 1 #f 3))",                "(#t 2 #f)"),
	OK("(list (or) (or #f 2) (or #f #f) (or 1 (car '())))",  "(#f 2 #f 1)"), /* short cut */
	OK("(and #f (car '()))",                                 "#f"),
	OK("(list (begin) (begin 1 2 3))",                       "(<void> 3)"),
	OK("(let ((x 1)) (set! x (+ x 1)) x)",                   "2"),
	OK("(do ((i 0 (+ i 1)) (acc '() (cons i acc))) ((= i 3) acc))", "(2 1 0)"),
	OK("(do ((i 0 (+ i 1))) ((= i 3)))",                     "<void>"),
	OK("(do ((i 0 (+ i 1)) (k 5)) ((= i 2) k))",             "5"),     /* no step: kept */
	OK("(let ((n 0)) (do ((i 0 (+ i 1))) ((= i 4) n) (set! n (+ n i))))", "6"),
};
EXPR_TEST(test_conditionals, conditionals)

static const struct row quoting[] = {
	OK("(define r (list 'a (quote b) '(1 . 2) '()))",          "(a b (1 . 2) ())"),
	OK("(define r ''a)",                                       "(quote a)"),
	OK("(define x 5) (define r `(x ,x))",                      "(x 5)"),
	OK("(define x 5) (define r `(a ,@(list 1 2) b))",          "(a 1 2 b)"),
	OK("(define r `(1 ,@'() 2))",                              "(1 2)"),
	OK("(define x 5) (define r `(a . ,x))",                    "(a . 5)"),
	OK("(define r `(1 ,(+ 1 1) ,@(map abs '(-3 -4))))",        "(1 2 3 4)"),
	OK("(define r `5)",                                        "5"),
	OK("(define r (quasiquote (1 (unquote-splicing (list 2 3)))))", "(1 2 3)"),
	/* nested: only the innermost level is evaluated (R5RS 4.2.6) */
	OK("(define x 5) (define r `(a `(b ,(c ,x))))",
	   "(a (quasiquote (b (unquote (c 5)))))"),
	OK("(define r `(a `(b ,(+ 1 2) ,(foo ,(+ 1 3) d) e) f))",
	   "(a (quasiquote (b (unquote (+ 1 2)) (unquote (foo 4 d)) e)) f)"),
	OK("(define x 5) (define r `(a `(b ,@(c ,x))))",
	   "(a (quasiquote (b (unquote-splicing (c 5)))))"),
	OK("(define x 5) (define r `#(1 ,x))",                     "#(1 (unquote x))"), /* as init.scm */
};
PROGRAM_TEST(test_quoting, quoting)

static const struct row macros[] = {
	/* init.scm's style: the macro gets the whole form */
	OK("(macro (my-when form) `(if ,(cadr form) (begin ,@(cddr form)))) "
	   "(define r (list (my-when #t 1 2) (my-when #f 1)))",   "(2 ())"),
	OK("(macro my-quote (lambda (form) (list 'quote (cadr form)))) "
	   "(define r (my-quote (a b)))",                          "(a b)"),
	OK("(macro (m form) (list 'quote form)) (define r (m 1 2))", "(m 1 2)"),
	/* define-macro gets the arguments, unevaluated */
	OK("(define-macro (swap! a b) `(let ((tmp ,a)) (set! ,a ,b) (set! ,b tmp))) "
	   "(define p 1) (define q 2) (swap! p q) (define r (list p q))", "(2 1)"),
	OK("(define-macro (my-list . xs) `(list ,@xs)) (define r (my-list 1 (+ 1 1) 3))",
	   "(1 2 3)"),
	OK("(define-macro (unless2 c . body) `(if ,c #f (begin ,@body))) "
	   "(define r (unless2 #f 'ran))",                         "ran"),
	OK("(define-macro my-id (lambda (x) x)) (define r (my-id (+ 1 2)))", "3"),
	OK("(define-macro (twice x) `(begin ,x ,x)) (define n 0) (twice (set! n (+ n 1))) "
	   "(define r n)",                                         "2"),
	/* a macro that expands into a define at top level */
	OK("(define-macro (defconst name v) `(define ,name ,v)) (defconst r 42)", "42"),
	/* expansion makes rules */
	OK("(define-macro (m) ''expanded) (define r (m))",         "expanded"),
	/* init.scm redefines forms as macros, define-macro itself included */
	OK("(macro (unless form) `(if (not ,(cadr form)) (begin ,@(cddr form)))) "
	   "(define r (list (unless #f 1 2) (unless #t 3)))",     "(2 ())"),
	OK("(macro (define-macro dform) (if (symbol? (cadr dform)) `(macro ,@(cdr dform)) "
	   "(let ((form (gensym))) `(macro (,(caadr dform) ,form) "
	   "(apply (lambda ,(cdadr dform) ,@(cddr dform)) (cdr ,form)))))) "
	   "(define-macro (my-add a b) `(+ ,a ,b)) (define r (my-add 1 2))", "3"),
	OK("(macro (m form) 1) (define r m)",                      "#<macro m>"),
};
PROGRAM_TEST(test_macros, macros)

#define SYN SB_RULE_SYNTAX_ERROR
static const struct row form_errors[] = {
	{ "(define r ((lambda (a b) a) 1))", "<unknown>", BAD, "((lambda (a b) a) 1)",
	  "'lambda' needs 2 arguments, got 1" },
	{ "(define r ((lambda (a) a) 1 2))", "<unknown>", BAD, "((lambda (a) a) 1 2)",
	  "'lambda' takes 1 argument, got 2" },
	{ "(define (f a b) a) (define r (f 1))", "<unknown>", BAD, "(f 1)",
	  "'f' needs 2 arguments, got 1" },
	{ "(define (f a . b) a) (define r (f))", "<unknown>", BAD, "(f)", "'f' needs" },
	{ "(define r (if))",             "<unknown>", SYN, "(if)", "malformed if" },
	{ "(define r (if 1 2 3 4))",     "<unknown>", SYN, "(if 1 2 3 4)", "malformed if" },
	{ "(define r (lambda))",         "<unknown>", SYN, "(lambda)", "malformed lambda" },
	{ "(define r (let ((1 2)) 3))",  "<unknown>", SYN, "(let ((1 2)) 3)", "malformed let binding" },
	{ "(define r (let 5))",          "<unknown>", SYN, "(let 5)", "malformed let" },
	{ "(define r (cond 5))",         "<unknown>", SYN, "(cond 5)", "malformed cond clause" },
	{ "(define r (unquote x))",      "<unknown>", SYN, "(unquote x)", "'unquote' outside a quasiquote" },
	{ "(define r `,@(list 1))",      "<unknown>", SYN, ",@(list 1)", "outside a list" },
	{ "(define r 1) (define 5 6)",   "1", SYN, "(define 5 6)", "malformed define" },
	{ "(define r 1) (set! r)",       "1", SYN, "(set! r)", "malformed set!" },
	{ "(define r 1) (set! zz 1)",    "1", SB_RULE_UNBOUND_VARIABLE, "zz",
	  "set! of unbound variable 'zz'" },
	{ "(define r (list 1 . 2))",     "<unknown>", SYN, "(list 1 . 2)", "a dotted argument list" },
	{ "(define r (delay 1))",        "<unknown>", SB_RULE_UNSUPPORTED_CONSTRUCT, "(delay 1)",
	  "'delay' is not supported" },
	{ "(define r if)",               "<unknown>", SB_RULE_UNSUPPORTED_CONSTRUCT, "if",
	  "'if' is a special form, not a value" },
	{ "(define r (macro))",          "<unknown>", SYN, "(macro)", "malformed macro" },
	{ "(define r (do ((i 0)) 5))",   "<unknown>", SYN, "(do ((i 0)) 5)", "malformed do" },
	/* an unknown test: both branches run, the value is unknown */
	{ "(define r (if zork 1 2))",    "<unknown>", SB_RULE_UNBOUND_VARIABLE, "zork",
	  "unbound variable 'zork'" },
};
PROGRAM_TEST(test_form_errors, form_errors)

/* Tail calls run in constant stack: these are far deeper than SB_MAX_CALL_DEPTH. */
static const struct row tail_calls[] = {
	OK("(define r (let loop ((i 0)) (if (< i 100000) (loop (+ i 1)) i)))", "100000"),
	OK("(define (count n acc) (if (= n 0) acc (count (- n 1) (+ acc 1)))) "
	   "(define r (count 100000 0))",                                      "100000"),
	OK("(define r (letrec ((ev? (lambda (n) (if (= n 0) #t (od? (- n 1))))) "
	   "(od? (lambda (n) (if (= n 0) #f (ev? (- n 1)))))) (ev? 100001)))",  "#f"),
	OK("(define (f n) (cond ((= n 0) 'done) (else (f (- n 1))))) (define r (f 100000))",
	   "done"),
	OK("(define (f n) (when (> n 0) (f (- n 1)))) (define r (f 100000))",  "()"),
	OK("(define (f n) (and #t (or #f (begin (if (= n 0) 'ok (f (- n 1))))))) "
	   "(define r (f 100000))",                                             "ok"),
	OK("(define (f n) (case n ((0) 'zero) (else (let ((m (- n 1))) (f m))))) "
	   "(define r (f 100000))",                                             "zero"),
	OK("(define r (do ((i 0 (+ i 1))) ((= i 100000) i)))",                 "100000"),
	OK("(define r (length (let loop ((i 0) (l '())) (if (= i 100000) l (loop (+ i 1) (cons i l))))))",
	   "100000"),
};
PROGRAM_TEST(test_tail_calls, tail_calls)

/* ------------------------------------------------------------ SBPL: actions */

#define V1 "(version 1)"

static const struct row actions[] = {
	OK(V1 "(allow file-read* (literal \"/a\"))",
	   "allow file-read* (literal \"/a\")"),
	OK(V1 "(deny default)",
	   "deny default"),
	OK(V1 "(allow file-read*) (deny file-write*) (allow process-fork)",
	   "allow file-read*\ndeny file-write*\nallow process-fork"),
	/* several operations: one rule each, sharing the filter; several filters: OR */
	OK(V1 "(deny file-write* file-read-data (subpath \"/b\") (regex #\"^/c\"))",
	   "deny file-write* (require-any (subpath \"/b\") (regex \"^/c\"))\n"
	   "deny file-read-data (require-any (subpath \"/b\") (regex \"^/c\"))"),
	OK(V1 "(allow file-read* (subpath \"/a\" \"/b\"))",
	   "allow file-read* (require-any (subpath \"/a\") (subpath \"/b\"))"),
	OK(V1 "(allow file-read* (require-any (literal \"/a\") (require-all (subpath \"/b\") "
	   "(require-not (literal \"/b/c\")))))",
	   "allow file-read* (require-any (literal \"/a\") (require-all (subpath \"/b\") "
	   "(require-not (literal \"/b/c\"))))"),
	OK(V1 "(allow file-read* (require-all (literal \"/a\")))",      /* one: unchanged */
	   "allow file-read* (literal \"/a\")"),
	/* arguments in any order; lists are flattened */
	OK(V1 "(allow (literal \"/a\") file-read*)",
	   "allow file-read* (literal \"/a\")"),
	OK(V1 "(allow (list file-read* (list file-write*)) (list (literal \"/a\") (literal \"/b\")))",
	   "allow file-read* (require-any (literal \"/a\") (literal \"/b\"))\n"
	   "allow file-write* (require-any (literal \"/a\") (literal \"/b\"))"),
	OK(V1 "(allow file-read* '())",
	   "allow file-read*"),
	OK(V1 "(define ops (list file-read* file-write*)) (define fs (list (subpath \"/x\"))) "
	   "(apply allow (append ops fs))",
	   "allow file-read* (subpath \"/x\")\nallow file-write* (subpath \"/x\")"),
	OK(V1 "(define f (subpath \"/v\")) (define op file-read-data) (deny op f)",
	   "deny file-read-data (subpath \"/v\")"),
	/* modifiers */
	OK(V1 "(allow file-read* (with report) (with send-signal SIGKILL) (literal \"/x\"))",
	   "allow file-read* (literal \"/x\") (with report) (with send-signal SIGKILL)"),
	OK(V1 "(deny file-write* (with no-log))",
	   "deny file-write* (with no-log)"),
	/* filters with other argument kinds */
	OK(V1 "(allow network-outbound (remote tcp \"*:80\"))",
	   "allow network-outbound (remote tcp \"*:80\")"),
	OK(V1 "(allow network-outbound (remote tcp \"*:80\" \"*:443\"))",
	   "allow network-outbound (require-any (remote tcp \"*:80\") (remote tcp \"*:443\"))"),
	OK(V1 "(allow mach-lookup (global-name \"com.apple.x\") (global-name-prefix \"com.y\"))",
	   "allow mach-lookup (require-any (global-name \"com.apple.x\") "
	   "(global-name-prefix \"com.y\"))"),
	OK(V1 "(allow signal (target self))",
	   "allow signal (target self)"),
	OK(V1 "(allow file-read* (vnode-type REGULAR-FILE))",
	   "allow file-read* (vnode-type REGULAR-FILE)"),
	OK(V1 "(allow file-read* (tty))",                               /* a library builder */
	   "allow file-read* (tty TTY)"),
	OK(V1 "(allow file-read* (literal (string-append \"/a\" \"/b\")))",
	   "allow file-read* (literal \"/a/b\")"),
	OK(V1 "(allow file-read* (literal (number->string (+ 1 2))))",
	   "allow file-read* (literal \"3\")"),
	/* loops make rules in order */
	OK(V1 "(for-each (lambda (p) (allow file-read* (literal p))) '(\"/1\" \"/2\" \"/3\"))",
	   "allow file-read* (literal \"/1\")\nallow file-read* (literal \"/2\")\n"
	   "allow file-read* (literal \"/3\")"),
	OK(V1 "(map (lambda (o) (deny o)) (list file-read* file-write*))",
	   "deny file-read*\ndeny file-write*"),
	/* aliases: the canonical operation; no-op names: no rule */
	OK(V1 "(allow process-exec (literal \"/bin/ls\"))",
	   "allow process-exec* (literal \"/bin/ls\")"),
	OK(V1 "(allow mach-per-user-lookup)",
	   ""),
	OK(V1 "(debug deny) (trace \"/tmp/t\") (allow file-read*)",
	   "allow file-read*"),
	OK(V1 "(record \"f\") (eliminate-duplicate-rules) (disable-callouts) "
	   "(disable-full-symbolication) (allow file-read*)",
	   "allow file-read*"),
	/* a profile's %finalize runs when evaluation finishes */
	OK(V1 "(define (%finalize) (allow file-read*)) (deny file-write*)",
	   "deny file-write*\nallow file-read*"),
	/* with-filter ANDs its filter in (alone when the rule has none) */
	OK(V1 "(with-filter (subpath \"/w\") (allow file-read*) (allow file-write* (literal \"/w/x\")))",
	   "allow file-read* (subpath \"/w\")\n"
	   "allow file-write* (require-all (literal \"/w/x\") (subpath \"/w\"))"),
	OK(V1 "(with-filter (subpath \"/a\") (with-filter (literal \"/b\") (allow file-read*)))",
	   "allow file-read* (require-all (literal \"/b\") (subpath \"/a\"))"),
	OK(V1 "(with-filter (subpath \"/a\") (allow file-read*)) (allow file-write*)",
	   "allow file-read* (subpath \"/a\")\nallow file-write*"),
	OK(V1 "(with-modifier (with report) (deny file-read*) (deny file-write* (with no-log)))",
	   "deny file-read* (with report)\ndeny file-write* (with no-log) (with report)"),
	OK(V1 "(with-operations (list file-read* file-write*) (allow (literal \"/a\")))",
	   "allow file-read* (literal \"/a\")\nallow file-write* (literal \"/a\")"),
	OK(V1 "(with-operations file-read-data (deny file-write* (subpath \"/s\")))",
	   "deny file-write* (subpath \"/s\")\ndeny file-read-data (subpath \"/s\")"),
	/* apply-message-filter: the nested rules belong to the modifier */
	OK(V1 "(allow mach-message-send (apply-message-filter (deny mach-message-send "
	   "(message-number 5)) (allow mach-message-send)))",
	   "allow mach-message-send (with apply-message-filter "
	   "{deny mach-message-send (message-number 5)} {allow mach-message-send})"),
	/* an undecidable test: both branches, conditional */
	OK(V1 "(if (defined? 'zork) (allow file-read*) (deny file-read*))",
	   "deny file-read*"),
};
RULES_TEST(test_actions, actions)

#define UOP SB_RULE_UNKNOWN_OPERATION
#define UFL SB_RULE_UNKNOWN_FILTER
#define UBV SB_RULE_UNBOUND_VARIABLE
static const struct row action_errors[] = {
	{ V1 "(allow)", "", BAD, "(allow)",
	  "'allow' needs at least one operation, as in (allow file-read* ...)" },
	{ V1 "(deny (literal \"/a\"))", "", BAD, "(deny (literal \"/a\"))",
	  "'deny' needs at least one operation" },
	{ V1 "(allow file-read* 5)", "allow file-read* <unknown>", BAD, "5",
	  "'allow' takes operations, filters and modifiers; 5 is none of them" },
	{ V1 "(allow file-read* \"/a\")", "allow file-read* <unknown>", BAD, "\"/a\"", "\"/a\" is none of them" },
	{ V1 "(allow file-raed* (literal \"/a\"))", "", UOP, "file-raed*",
	  "unknown operation 'file-raed*'; did you mean 'file-read*'?" },
	{ V1 "(allow frobnicate)", "", UOP, "frobnicate",
	  "unknown operation 'frobnicate' (sandbox-exec: \"unbound variable: frobnicate\")" },
	{ V1 "(allow file-read* (subpth \"/a\"))", "allow file-read* <unknown>", UFL, "subpth",
	  "unknown filter 'subpth'; did you mean 'subpath'?" },
	{ V1 "(allow file-read* (frobnicate \"/a\"))", "allow file-read* <unknown>", UFL, "frobnicate",
	  "unknown filter 'frobnicate'" },
	{ V1 "(allow file-read* (require-any (subpth \"/a\")))", "allow file-read* <unknown>", UFL,
	  "subpth", "unknown filter 'subpth'" },
	{ V1 "(define r zork) (allow file-read*)", "allow file-read*", UBV, "zork",
	  "unbound variable 'zork' (sandbox-exec: \"unbound variable: zork\")" },
	{ V1 "(define r file-raed) (allow file-read*)", "allow file-read*", UBV, "file-raed",
	  "unbound variable 'file-raed'; did you mean the operation 'file-read*'?" },
	{ V1 "(allow file-read* (with bogus))", "allow file-read* (with bogus)",
	  SB_RULE_UNKNOWN_MODIFIER, "bogus", "unknown modifier 'bogus'" },
	{ V1 "(allow file-read* (with repot))", "allow file-read* (with repot)",
	  SB_RULE_UNKNOWN_MODIFIER, "repot", "unknown modifier 'repot'; did you mean 'report'?" },
	{ V1 "(allow file-read* (with))", "allow file-read* <unknown>", BAD, "(with)",
	  "(with NAME ...) needs a modifier name" },
	{ V1 "(allow file-read* (with report 1 2))", "allow file-read* (with report 1)", BAD,
	  "(with report 1 2)", "(with report ...) takes at most one argument" },
	{ V1 "(allow file-read* (literal 5))", "allow file-read* <unknown>", BAD, "5",
	  "'literal' needs a path string, got 5" },
	{ V1 "(allow file-read* (literal))", "allow file-read* <unknown>", BAD, "(literal)",
	  "'literal' needs an argument" },
	{ V1 "(allow signal (target 'bogus))", "allow signal <unknown>", BAD, "bogus",
	  "'bogus' is not a value that 'target' accepts" },
	{ V1 "(allow file-read* (require-any))", "allow file-read* <unknown>", BAD,
	  "(require-any)", "'require-any' requires at least one filter" },
	{ V1 "(allow file-read* (require-not (literal \"/a\") (literal \"/b\")))",
	  "allow file-read* <unknown>", BAD, "(require-not (literal \"/a\") (literal \"/b\"))",
	  "'require-not' takes exactly one filter" },
	{ V1 "(allow file-read* (require-all (literal \"/a\") 5))", "allow file-read* <unknown>",
	  BAD, "5", "arguments to 'require-all' must be filters, got 5" },
	{ V1 "(allow file-read* (require-any (literal \"/a\") (subpth \"/b\")))",
	  "allow file-read* (require-any (literal \"/a\") <unknown>)", UFL, "subpth", "unknown filter 'subpth'" },
	{ V1 "(allow file-read* (require-any myfilt))", "allow file-read* <unknown>", UBV, "myfilt",
	  "unbound variable 'myfilt'" },     /* a filter value, not an operation */
	{ V1 "(with-filter \"/a\" (allow file-read*) (allow file-write*))",
	  "allow file-read* <unknown>\nallow file-write* <unknown>", BAD, "\"/a\"",
	  "'with-filter' needs a filter, got \"/a\"" },
	{ V1 "(with-filter (param \"X\") (allow file-read*))", "allow file-read* <unknown>",
	  SB_RULE_MISSING_PARAMETER, "(param \"X\")", "parameter 'X' is not set" },
	{ V1 "(with-modifier 5 (allow file-read*) (allow file-write*))",
	  "allow file-read* <unknown>\nallow file-write* <unknown>", BAD, "5",
	  "'with-modifier' takes operations, filters and modifiers; 5 is none of them" },
	{ V1 "(with-operations \"x\" (allow (literal \"/a\")))", "", BAD, "\"x\"",
	  "'with-operations' takes operations, filters and modifiers" },
	{ V1 "(with-modifier)", "", SB_RULE_SYNTAX_ERROR, "(with-modifier)", "malformed with-modifier" },
	{ V1 "(delegate file-read*)", "", SB_RULE_UNSUPPORTED_CONSTRUCT, "(delegate file-read*)",
	  "'delegate' is not supported by sbplc" },
	/* a rule made under an undecidable test is conditional */
	{ V1 "(if zork (allow file-read*) (deny file-write*))", "allow file-read* ?\ndeny file-write* ?",
	  UBV, "zork", "unbound variable 'zork'" },
	{ V1 "(when zork (allow file-read*))", "allow file-read* ?", UBV, "zork", NULL },
	{ V1 "(unless zork (allow file-read*))", "allow file-read* ?", UBV, "zork", NULL },
	{ V1 "(cond (zork (allow file-read*)) (else (deny file-read*)))",
	  "allow file-read* ?\ndeny file-read* ?", UBV, "zork", NULL },
	{ V1 "(case zork ((1) (allow file-read*)) (else (deny file-read*)))",
	  "allow file-read* ?\ndeny file-read* ?", UBV, "zork", NULL },
	{ V1 "(and zork (allow file-read*))", "allow file-read* ?", UBV, "zork", NULL },
	{ V1 "(or zork (allow file-read*))", "allow file-read* ?", UBV, "zork", NULL },
	{ V1 "(if zork (allow file-read*)) (deny file-write*)", "allow file-read* ?\ndeny file-write*",
	  UBV, "zork", NULL },
	/* (error ...) in an undecidable branch says nothing */
	{ V1 "(if zork (error \"x\") (allow file-read*))", "allow file-read* ?", UBV, "zork", NULL },
};
RULES_TEST(test_action_errors, action_errors)

/* ------------------------------------------------------------ SBPL: library */

static const struct row library[] = {
	OK(V1 "(allow file-read* (path-ancestors \"/a/b/c\"))",
	   "allow file-read* (require-any (literal \"/\") (literal \"/a\") (literal \"/a/b\"))"),
	OK(V1 "(allow file-read* (path-ancestors \"/a/b/\"))",
	   "allow file-read* (require-any (literal \"/\") (literal \"/a\"))"),
	OK(V1 "(allow file-read* (path-ancestors \"/a\" \"/x/y\"))",
	   "allow file-read* (require-any (literal \"/\") (literal \"/\") (literal \"/x\"))"),
	OK(V1 "(allow file-read* (require-entitlement \"com.x\"))",
	   "allow file-read* (require-all (require-entitlement \"com.x\") (require-entitlement #t))"),
	OK(V1 "(allow file-read* (require-entitlement \"com.x\" (entitlement-value \"v\")))",
	   "allow file-read* (require-all (require-entitlement \"com.x\") (entitlement-value \"v\"))"),
	OK(V1 "(allow file-read* (require-entitlement \"com.x\" (entitlement-value #f)))",
	   "allow file-read* (require-all (require-entitlement \"com.x\") (entitlement-value #f))"),
	OK(V1 "(allow file-read* (require-entitlement \"k\" (entitlement-value-regex #\"^a\")))",
	   "allow file-read* (require-all (require-entitlement \"k\") (entitlement-value-regex \"^a\"))"),
	OK(V1 "(allow file-read* (regex (string-append \"^\" (regex-quote \"/a.b\") \"$\")))",
	   "allow file-read* (regex \"^/a\\.b$\")"),
	OK(V1 "(allow file-ioctl (ioctl-command (_IO \"d\" 24)))",
	   "allow file-ioctl (ioctl-command 25624)"),
};
RULES_TEST(test_library, library)

static const struct row library_values[] = {
	OK(V1 "(define r (regex-quote \"a.b*c(d)[e]$^|+?{\\\\\"))",
	   "\"a\\.b\\*c\\(d\\)\\[e]\\$\\^\\|\\+\\?\\{\\\\\""),
	OK(V1 "(define r (regex-quote \"plain/path-1_x\"))",   "\"plain/path-1_x\""),
	OK(V1 "(define r (regex-quote \"\"))",                 "\"\""),
	OK(V1 "(define r (variable-quote \"a.b\"))",           "\"a\\.b\""),
	OK(V1 "(define r (list (_IO \"d\" 24) (_IO \"A\" 0)))", "(25624 16640)"),
	OK(V1 "(define r (list (defined? 'file-read*) (defined? 'process-exec) "
	   "(defined? 'file-raed*)))",                         "(#t #t #f)"),
	OK(V1 "(define r (list (defined? 'subpath) (defined? 'literal) (defined? 'subpth)))",
	   "(#t #t #f)"),
	OK(V1 "(define r (list (defined? 'car) (defined? 'if) (defined? 'zork) "
	   "(defined? 'report)))",                             "(#t #t #f #t)"),
	OK(V1 "(define zork 1) (define r (defined? 'zork))",   "#t"),
	OK(V1 "(define (f) 1) (define r (defined? 'f))",       "#t"),
	OK(V1 "(define r (list (sbpl-filter? (literal \"/a\")) (sbpl-operation? file-read*) "
	   "(sbpl-modifier? (with report)) (sbpl-filter? 1) (sbpl-operation? 'x)))",
	   "(#t #t #t #f #f)"),
	OK(V1 "(define r (list *target-platform* *params* *entitlements*))", "(\"mac\" () ())"),
	OK(V1 "(define r *ios-sandbox-container*)",            "\"com.apple.sandbox.container\""),
	OK(V1 "(define r (list file-read* (literal \"/a\") (with report)))",
	   "(#<operation file-read*> (literal \"/a\") #<modifier report>)"),
	OK(V1 "(define r (list process-exec (require-not (subpath \"/a\"))))",
	   "(#<operation process-exec*> (require-not (subpath \"/a\")))"),
	OK(V1 "(define r SIGKILL)",                            "SIGKILL"),
	OK(V1 "(define r (list (param \"X\") (getenv \"X\")))", "(#f #f)"),
	OK(V1 "(define r (allow file-read*))",                 "<void>"),
};
PROGRAM_TEST(test_library_values, library_values)

static const struct row library_errors[] = {
	{ V1 "(allow file-read* (path-ancestors \"a/b\"))", "allow file-read* <unknown>", BAD,
	  "\"a/b\"", "'path-ancestors': path must start with a /" },
	{ V1 "(allow file-read* (path-ancestors 5))", "allow file-read* <unknown>", BAD, "5",
	  "'path-ancestors' needs a string, got 5" },
	{ V1 "(allow file-read* (require-entitlement 5))", "allow file-read* <unknown>", BAD, "5",
	  "'require-entitlement' needs a string" },
	{ V1 "(allow file-read* (require-entitlement \"k\" 5))", "allow file-read* <unknown>", BAD,
	  "(require-entitlement \"k\" 5)", "expected filter as second argument" },
	{ V1 "(allow file-read* (regex (regex-quote 7)))", "allow file-read* <unknown>", BAD, "7",
	  "'regex-quote' needs a string" },
	{ V1 "(define r (_IO \"\" 1))", "", BAD, "(_IO \"\" 1)",
	  "'_IO' takes a one-letter string and a number" },
	{ V1 "(define r (_IO \"d\" \"x\"))", "", BAD, "(_IO \"d\" \"x\")", "'_IO' takes" },
	{ V1 "(define r (defined? \"car\"))", "", BAD, "(defined? \"car\")",
	  "'defined?' takes a quoted symbol" },
	{ V1 "(trace 5)", "", BAD, "(trace 5)", "argument to trace must be a string" },
	{ V1 "(param 5)", "", BAD, "5", "'param' needs a string" },
};
RULES_TEST(test_library_errors, library_errors)

/* ------------------------------------------------------------ SBPL: param */

static const struct param_row {
	const char *define1, *define2;     /* -D KEY=VALUE, or NULL */
	struct row r;
} params[] = {
	{ "HOME=/Users/u", NULL, OK(V1 "(allow file-read* (subpath (param \"HOME\")))",
	                            "allow file-read* (subpath \"/Users/u\")") },
	{ "K=1", "K=2", OK(V1 "(allow file-read* (literal (param \"K\")))",
	                   "allow file-read* (literal \"2\")") },       /* the last one wins */
	{ "K=a=b", NULL, OK(V1 "(allow file-read* (literal (param \"K\")))",
	                    "allow file-read* (literal \"a=b\")") },
	{ "K=", NULL, OK(V1 "(if (param \"K\") (allow file-read*) (deny file-read*))",
	                 "allow file-read*") },                        /* "" is true */
	{ "X=TRUE", NULL, OK(V1 "(if (string=? (param \"X\") \"TRUE\") (allow file-read*) "
	                     "(deny file-read*))", "allow file-read*") },
	{ "A=1", "B=2", OK(V1 "(for-each (lambda (kv) (allow file-read* (literal (car kv)) "
	                   "(literal (cdr kv)))) *params*)",
	                   "allow file-read* (require-any (literal \"A\") (literal \"1\"))\n"
	                   "allow file-read* (require-any (literal \"B\") (literal \"2\"))") },
	{ "V=10", NULL, OK(V1 "(when (>= (string->number (param \"V\")) 10) (allow file-read*))",
	                   "allow file-read*") },
	{ "X=1", NULL, OK(V1 "(allow file-read* (literal (getenv \"X\")))",
	                  "allow file-read* (literal \"1\")") },
	/* missing: #f, which tests fine; used as a string, one finding at the call */
	{ NULL, NULL, OK(V1 "(if (param \"X\") (allow file-read*) (deny file-read*))",
	                 "deny file-read*") },
	{ NULL, NULL, OK(V1 "(when (param \"H\") (allow file-read* (subpath (param \"H\"))))", "") },
	{ NULL, NULL, OK(V1 "(define h (param \"H\")) (if h (allow file-read* (subpath h)) "
	                 "(deny file-read*))", "deny file-read*") },
	{ NULL, NULL, OK(V1 "(allow file-read* (subpath (or (param \"H\") \"/d\")))",
	                 "allow file-read* (subpath \"/d\")") },
	{ NULL, NULL, { V1 "(define h (param \"H\")) (allow file-read* (subpath h)) "
	                "(allow file-write* (literal h)) (define r (string-append h \"/x\"))",
	                "allow file-read* <unknown>\nallow file-write* <unknown>",
	                SB_RULE_MISSING_PARAMETER, "(param \"H\")",
	                "parameter 'H' is not set, so (param \"H\") is #f where subpath needs a "
	                "string; pass -D H=VALUE" } },
	{ NULL, NULL, { V1 "(allow file-read* (literal (string-append (param \"H\") \"/x\")))",
	                "allow file-read* <unknown>", SB_RULE_MISSING_PARAMETER, "(param \"H\")",
	                "where string-append needs a string" } },
	{ NULL, NULL, { V1 "(if (string=? (param \"X\") \"a\") (allow file-read*) (deny file-write*))",
	                "allow file-read* ?\ndeny file-write* ?", SB_RULE_MISSING_PARAMETER,
	                "(param \"X\")", "where string=? needs a string" } },
	{ NULL, NULL, { V1 "(allow file-read* (require-any (param \"X\")))",
	                "allow file-read* <unknown>", SB_RULE_MISSING_PARAMETER, "(param \"X\")",
	                "where require-any needs a string" } },
	{ NULL, NULL, { V1 "(allow file-read* (param \"X\"))", "allow file-read* <unknown>",
	                SB_RULE_MISSING_PARAMETER, "(param \"X\")", "where allow needs a string" } },
	/* in an undecidable branch nothing is reported */
	{ NULL, NULL, { V1 "(if zork (allow file-read* (subpath (param \"H\"))))",
	                "allow file-read* <unknown> ?", UBV, "zork", NULL } },
};

START_TEST(test_params)
{
	const struct param_row *p = &params[_i];
	const char *defs[2];
	size_t n = 0;
	if (p->define1)
		defs[n++] = p->define1;
	if (p->define2)
		defs[n++] = p->define2;
	struct sb_eval_options opt = { .defines = defs, .ndefines = n };
	run_opt(p->r.src, &opt);
	expect_finding(p->r.src, &p->r);
	ck_assert_str_eq(rules_text(&prof->rules), p->r.want);
}
END_TEST

/* ------------------------------------------------------------ SBPL: version */

#define DV SB_RULE_DUPLICATE_VERSION
static const struct version_row {
	struct row r;
	int64_t value;          /* prof->version.value, -1: no version */
	bool seen;              /* prof->version_seen */
	enum sb_severity sev;   /* of a duplicate-version finding */
} versions[] = {
	{ OK("(version 1)", ""), 1, true, SB_SEV_OFF },
	{ OK("(version 1) (allow file-read*)", "allow file-read*"), 1, true, SB_SEV_OFF },
	{ OK("(allow file-read*)", "allow file-read*"), -1, false, SB_SEV_OFF },
	{ OK("(define v 1) (version v)", ""), 1, true, SB_SEV_OFF },
	{ { "(version 1)\n(version  1)", "", DV, "(version  1)", "(version 1) is repeated" },
	  1, true, SB_SEV_WARNING },
	{ { "(version 1)\n(version 2)", "", DV, "(version 2)",
	    "(version 2) conflicts with the earlier (version 1); libsandbox rejects the profile" },
	  1, true, SB_SEV_ERROR },
	{ { "(version \"1\")", "", BAD, "\"1\"", "(version ...) takes one integer" },
	  -1, true, SB_SEV_OFF },
	{ { "(version 1.5)", "", BAD, "1.5", "(version ...) takes one integer" }, -1, true, SB_SEV_OFF },
	{ { "(version)", "", BAD, "(version)", "'version' takes 1 argument, got 0" },
	  -1, false, SB_SEV_OFF },
	{ { "(version 3)", "", SB_RULE_VERSION_UNSUPPORTED, "3",
	    "(version 3) compiles only on macOS 13 or later" }, 3, true, SB_SEV_OFF },
	{ { "(version 7)", "", SB_RULE_VERSION_UNSUPPORTED, "7",
	    "(version 7) is not a known SBPL version; use (version 1)" }, 7, true, SB_SEV_OFF },
};

START_TEST(test_versions)
{
	const struct version_row *v = &versions[_i];
	check_rules(&v->r);
	ck_assert_int_eq(prof->has_version, v->value >= 0);
	if (v->value >= 0)
		ck_assert_int_eq(prof->version.value, v->value);
	ck_assert_int_eq(prof->version_seen, v->seen);
	if (v->r.rule == DV) {
		/* the repeat points back at the first declaration */
		const struct sb_diag *d = ctx->diags[0];
		ck_assert_uint_eq(d->severity, v->sev);
		ck_assert_uint_eq(d->nnotes, 1);
		ck_assert_uint_eq(d->notes[0].span.start, 0);
		ck_assert_uint_eq(d->notes[0].span.end, 11);
		ck_assert_uint_eq(prof->version.span.start, 0);
	}
}
END_TEST

/* ------------------------------------------------------------ imports */

static char tmpdir[128];

/* The fixture of the import tests: a context and an empty temporary directory. */
static void tmp_setup(void)
{
	tu_setup();
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/check_eval.XXXXXX",
	         base && *base && strlen(base) < 64 ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

/* Remove what the import tests made: two levels of plain files. */
static void rm_tree(const char *dir, int depth)
{
	static const char *const names[] = { "main.sb", "a.sb", "b.sb", "lib.sb", "bsd.sb",
	                                     "sub", "inc" };
	for (size_t i = 0; i < SB_COUNTOF(names); i++) {
		char p[256];
		snprintf(p, sizeof p, "%s/%s", dir, names[i]);
		if (depth == 0)
			rm_tree(p, 1);
		if (unlink(p) != 0)
			rmdir(p);
	}
}

static void tmp_teardown(void)
{
	rm_tree(tmpdir, 0);
	rmdir(tmpdir);
	tu_teardown();
}

/* The path of name in the temporary directory; freed by the fixture. */
static const char *tmp_path(const char *name)
{
	char *p = tu_keep(malloc(256));
	snprintf(p, 256, "%s/%s", tmpdir, name);
	return p;
}

static void write_file(const char *name, const char *text)
{
	const char *path = tmp_path(name);
	const char *slash = strrchr(name, '/');
	if (slash) {
		char dir[256];
		snprintf(dir, sizeof dir, "%s/%.*s", tmpdir, (int)(slash - name), name);
		mkdir(dir, 0700);
	}
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* Evaluate the file name of the temporary directory, as sbplc reads it. */
static struct sb_profile *run_tmp(const char *name, const struct sb_eval_options *opt)
{
	struct sb_source_error err;
	struct sb_source *src = sb_source_read(ctx->arena, tmp_path(name), name, &err);
	ck_assert_ptr_nonnull(src);
	uint32_t file = sb_ctx_add_source(ctx, src);
	ck_assert_uint_ne(file, UINT32_MAX);
	return eval_file_opt(file, opt);
}

/* The diagnostic's file name (as the source was registered). */
static const char *diag_file(const struct sb_diag *d)
{
	const struct sb_source *s = sb_ctx_source(ctx, d->span.file);
	ck_assert_ptr_nonnull(s);
	return s->name;
}

/* Offset of the first occurrence of at in text. */
static uint32_t offset_in(const char *text, const char *at)
{
	const char *p = strstr(text, at);
	ck_assert_msg(p != NULL, "'%s' not in '%s'", at, text);
	return (uint32_t)(p - text);
}

START_TEST(test_import_relative)
{
	/* relative to the importing file, not to the working directory */
	static const char main_sb[] = "(version 1)\n(import \"sub/a.sb\")\n"
	                              "(allow file-read* (literal (string-append \"/main\" from-b)))\n";
	static const char a_sb[] = "(import \"b.sb\")\n(allow file-read* (literal \"/a\"))\n";
	static const char b_sb[] = "(version 1)\n(define from-b \"-b\")\n(allow file-read* (literal \"/b\"))\n";
	write_file("main.sb", main_sb);
	write_file("sub/a.sb", a_sb);
	write_file("sub/b.sb", b_sb);
	run_tmp("main.sb", NULL);
	tu_assert_ndiags(ctx, 0);   /* b.sb's repeated (version 1) is fine */
	ck_assert_str_eq(rules_text(&prof->rules),
	                 "allow file-read* (literal \"/b\")\n"
	                 "allow file-read* (literal \"/a\")\n"
	                 "allow file-read* (literal \"/main-b\")");
	/* the rule from b.sb: imported by a.sb, imported by main.sb */
	const struct sb_origin *o = prof->rules.v[0]->origin;
	ck_assert_ptr_nonnull(o);
	ck_assert_ptr_nonnull(strstr(o->what, "/sub/b.sb"));
	ck_assert_uint_eq(o->call.start, offset_in(a_sb, "(import \"b.sb\")"));
	ck_assert_uint_eq(o->call.end, o->call.start + strlen("(import \"b.sb\")"));
	ck_assert_ptr_nonnull(o->up);
	ck_assert_ptr_nonnull(strstr(o->up->what, "/sub/a.sb"));
	ck_assert_uint_eq(o->up->call.start, offset_in(main_sb, "(import \"sub/a.sb\")"));
	ck_assert_ptr_null(o->up->up);
	ck_assert_ptr_null(prof->rules.v[2]->origin);
	ck_assert(prof->has_version);
	ck_assert_uint_eq(prof->version.span.file, prof->rules.v[2]->span.file);
}
END_TEST

START_TEST(test_import_include_dirs)
{
	write_file("main.sb", "(version 1)\n(import \"lib.sb\")\n"
	                      "(import \"/System/Library/Sandbox/Profiles/bsd.sb\")\n");
	write_file("inc/lib.sb", "(allow file-read* (literal \"/lib\"))\n");
	write_file("inc/bsd.sb", "(allow file-read* (literal \"/bsd\"))\n");
	const char *dirs[] = { tmp_path("sub"), tmp_path("inc") };   /* sub does not exist */
	struct sb_eval_options opt = { .include_dirs = dirs, .nincludes = 2 };
	run_tmp("main.sb", &opt);
	tu_assert_ndiags(ctx, 0);
	ck_assert_str_eq(rules_text(&prof->rules),
	                 "allow file-read* (literal \"/lib\")\nallow file-read* (literal \"/bsd\")");
}
END_TEST

START_TEST(test_import_not_found)
{
	static const char main_sb[] = "(version 1)\n(import \"nope.sb\")\n(allow file-read*)\n";
	write_file("main.sb", main_sb);
	run_tmp("main.sb", NULL);
	tu_assert_ndiags(ctx, 1);
	uint32_t at = offset_in(main_sb, "\"nope.sb\"");
	tu_expect(ctx, SB_RULE_IMPORT_NOT_FOUND, at, at + 9,
	          "cannot find 'nope.sb' to import (searched the importing file's directory; "
	          "add -I DIR)");
	/* evaluation goes on */
	ck_assert_str_eq(rules_text(&prof->rules), "allow file-read*");
}
END_TEST

START_TEST(test_import_not_found_in_dirs)
{
	static const char main_sb[] = "(version 1)\n(import \"nope.sb\")\n";
	write_file("main.sb", main_sb);
	const char *dirs[] = { tmpdir };
	struct sb_eval_options opt = { .include_dirs = dirs, .nincludes = 1 };
	run_tmp("main.sb", &opt);
	tu_assert_ndiags(ctx, 1);
	uint32_t at = offset_in(main_sb, "\"nope.sb\"");
	tu_expect(ctx, SB_RULE_IMPORT_NOT_FOUND, at, at + 9, "and the -I directories");
}
END_TEST

START_TEST(test_import_cycle)
{
	static const char a_sb[] = "(allow file-read* (literal \"/a\"))\n(import \"b.sb\")\n";
	static const char b_sb[] = "(allow file-read* (literal \"/b\"))\n(import \"a.sb\")\n";
	write_file("main.sb", "(version 1)\n(import \"a.sb\")\n(allow file-read* (literal \"/main\"))\n");
	write_file("a.sb", a_sb);
	write_file("b.sb", b_sb);
	run_tmp("main.sb", NULL);
	tu_assert_ndiags(ctx, 1);
	const struct sb_diag *d = ctx->diags[0];
	ck_assert_int_eq(d->rule, SB_RULE_IMPORT_CYCLE);
	ck_assert_str_eq(diag_file(d), tmp_path("b.sb"));
	ck_assert_uint_eq(d->span.start, offset_in(b_sb, "\"a.sb\""));
	ck_assert_ptr_nonnull(strstr(d->message, "importing 'a.sb' again while it is being imported"));
	ck_assert_uint_eq(d->nnotes, 2);   /* in b.sb imported here, in a.sb imported here */
	ck_assert_str_eq(rules_text(&prof->rules),
	                 "allow file-read* (literal \"/a\")\nallow file-read* (literal \"/b\")\n"
	                 "allow file-read* (literal \"/main\")");
}
END_TEST

START_TEST(test_import_self)
{
	/* a profile importing itself: the file being evaluated is being imported */
	static const char main_sb[] = "(version 1)\n(allow file-read*)\n(import \"main.sb\")\n";
	write_file("main.sb", main_sb);
	run_tmp("main.sb", NULL);
	tu_assert_ndiags(ctx, 1);
	uint32_t at = offset_in(main_sb, "\"main.sb\"");
	tu_expect(ctx, SB_RULE_IMPORT_CYCLE, at, at + 9, "an import cycle");
	ck_assert_str_eq(rules_text(&prof->rules), "allow file-read*");
}
END_TEST

START_TEST(test_import_version_conflict)
{
	/* an imported file with another version is still a conflict */
	write_file("main.sb", "(version 1)\n(import \"a.sb\")\n");
	write_file("a.sb", "(version 2)\n");
	run_tmp("main.sb", NULL);
	tu_assert_ndiags(ctx, 1);
	ck_assert_int_eq(ctx->diags[0]->rule, SB_RULE_DUPLICATE_VERSION);
	ck_assert_str_eq(diag_file(ctx->diags[0]), tmp_path("a.sb"));
}
END_TEST

START_TEST(test_import_errors_note_the_import)
{
	/* a finding inside an imported file notes where it was imported */
	static const char main_sb[] = "(version 1)\n(import \"a.sb\")\n";
	write_file("main.sb", main_sb);
	write_file("a.sb", "(allow file-raed*)\n");
	run_tmp("main.sb", NULL);
	tu_assert_ndiags(ctx, 1);
	const struct sb_diag *d = ctx->diags[0];
	ck_assert_int_eq(d->rule, SB_RULE_UNKNOWN_OPERATION);
	ck_assert_str_eq(diag_file(d), tmp_path("a.sb"));
	ck_assert_uint_eq(d->nnotes, 1);
	ck_assert_str_eq(d->notes[0].message, "in the file imported here");
	ck_assert_uint_eq(d->notes[0].span.start, offset_in(main_sb, "(import \"a.sb\")"));
}
END_TEST

/* ------------------------------------------------------------ limits */

struct limit_row {
	const char *src;
	uint64_t max_steps;     /* 0: the default budget */
	const char *at;         /* the resource-limit finding's span starts here... */
	uint32_t len;           /* ...this long (0: all of at) */
	const char *text;
	bool aborted;
	const char *rules;      /* what was made before (and, unaborted, after) */
};

static const struct limit_row limits[] = {
	{ V1 "(allow file-read*)\n(define (f) (f))\n(f)\n(allow file-write*)", 1000000,
	  "(f)\n(allow", 3, "evaluation stopped after 1000000 steps in this form", true,
	  "allow file-read*" },
	{ V1 "(let loop ((i 0)) (loop (+ i 1)))", 1000000, "(let loop ((i 0)) (loop (+ i 1)))", 0,
	  "the profile loops without end", true, "" },
	{ V1 "(define r (do ((i 0 (+ i 1))) (#f)))", 1000000, "(define r (do ((i 0 (+ i 1))) (#f)))",
	  0, "steps", true, "" },
	{ V1 "(define (f n) (+ 1 (f n)))\n(allow file-read*)\n(f 1)", 0, "n)))", 1,
	  "evaluation nested deeper than 2000 calls", true, "allow file-read*" },
	{ V1 "(define (f l) (cons 1 (f l))) (f '())", 0, "l))) (f", 1,
	  "evaluation nested deeper than 2000 calls", true, "" },
	{ V1 "(define (f s n) (if (= n 0) s (f (string-append s s) (- n 1))))\n(f \"ab\" 40)\n"
	  "(allow file-read*)", 0, "(string-append s s)", 0,
	  "'string-append' would build a string of 134217728 bytes, over the 67108864 limit",
	  false, "allow file-read*" },
	{ V1 "(define (f l n) (if (= n 0) l (f (append l l) (- n 1))))\n(f '(1) 64)", 200000,
	  "(f '(1) 64)", 0, "steps", true, "" },
};

START_TEST(test_limits)
{
	const struct limit_row *l = &limits[_i];
	struct sb_eval_options opt = { .max_steps = l->max_steps };
	run_opt(l->src, &opt);
	tu_assert_ndiags(ctx, 1);
	uint32_t start, end;
	span_of(l->src, l->at, &start, &end);
	if (l->len)
		end = start + l->len;
	tu_expect(ctx, SB_RULE_RESOURCE_LIMIT, start, end, l->text);
	ck_assert_int_eq(prof->aborted, l->aborted);
	ck_assert(!prof->exact);
	ck_assert_str_eq(rules_text(&prof->rules), l->rules);
}
END_TEST

/* ------------------------------------------------------------ origins */

START_TEST(test_origin_helper)
{
	static const char src[] = V1 "(define (helper p) (allow file-read* (literal p)))\n"
	                          "(helper \"/a\")\n(allow file-write*)";
	run(src);
	tu_assert_ndiags(ctx, 0);
	ck_assert_uint_eq(prof->rules.n, 2);
	const struct sb_rule *r = prof->rules.v[0];
	ck_assert_uint_eq(r->span.start, offset_in(src, "(allow file-read*"));
	ck_assert_uint_eq(r->op_span.start, offset_in(src, "file-read*"));
	ck_assert_uint_eq(r->op_span.end, offset_in(src, "file-read*") + 10);
	ck_assert_ptr_nonnull(r->origin);
	ck_assert_str_eq(r->origin->what, "helper");
	ck_assert_uint_eq(r->origin->call.start, offset_in(src, "(helper \"/a\")"));
	ck_assert_uint_eq(r->origin->call.end, offset_in(src, "(helper \"/a\")") + 13);
	ck_assert_ptr_null(r->origin->up);
	/* the literal's span is where the user wrote "/a", not the parameter */
	ck_assert_uint_eq(r->filter->arg->span.start, offset_in(src, "\"/a\""));
	ck_assert_ptr_null(prof->rules.v[1]->origin);
	ck_assert_uint_lt(prof->rules.v[0]->seq, prof->rules.v[1]->seq);
}
END_TEST

/* Offset of the last occurrence of at in text. */
static uint32_t last_offset(const char *text, const char *at)
{
	const char *last = NULL;
	for (const char *p = text; (p = strstr(p, at)) != NULL; p++)
		last = p;
	ck_assert_msg(last != NULL, "'%s' not in '%s'", at, text);
	return (uint32_t)(last - text);
}

/* The call chain of each rule, innermost first: "name@offset<-name@offset". */
static const char *chain_text(const struct sb_origin *o)
{
	char *buf;
	size_t len;
	FILE *f = text_open(&buf, &len);
	for (int k = 0; o; o = o->up, k++)
		fprintf(f, "%s%s@%u", k ? "<-" : "", o->what, o->call.start);
	return text_close(f, &buf);
}

static const struct origin_row {
	const char *src;
	const char *calls[3];   /* the calls of rule 0's chain, innermost first (the last
	                           occurrence of each text in src) */
	const char *names;      /* their names, as "inner<-outer" */
} origins[] = {
	/* non-tail and tail calls alike keep the call the user wrote */
	{ V1 "(define (inner p) (allow file-read* (literal p)) #t)\n"
	  "(define (outer p) (inner p) #t)\n(outer \"/a\")",
	  { "(inner p) #t", "(outer \"/a\")" }, "inner<-outer" },
	{ V1 "(define (inner p) (allow file-read* (literal p)))\n"
	  "(define (outer p) (inner p))\n(outer \"/a\")",
	  { "(inner p))", "(outer \"/a\")" }, "inner<-outer" },
	{ V1 "(define (inner p) (allow file-read* (literal p)))\n"
	  "(define (outer p) (inner p))\n(define (top) (outer \"/a\") 1)\n(top)",
	  { "(inner p))", "(outer \"/a\") 1", "(top)" }, "inner<-outer<-top" },
	{ V1 "(for-each (lambda (p) (allow file-read* (literal p))) '(\"/a\" \"/b\"))",
	  { "(for-each" }, "lambda" },
	{ V1 "(define (g) (let ((x 1)) (allow file-read*)))\n(g)",
	  { "(g)" }, "g" },
	{ V1 "(define-macro (m) '(allow file-read*))\n(define (h) (m))\n(h)",
	  { "(h)" }, "h" },
};

START_TEST(test_origins)
{
	const struct origin_row *o = &origins[_i];
	run(o->src);
	tu_assert_ndiags(ctx, 0);
	ck_assert_uint_ge(prof->rules.n, 1);
	char *buf;
	size_t len;
	FILE *f = text_open(&buf, &len);
	const char *names = o->names;
	for (int k = 0; k < 3 && o->calls[k]; k++) {
		size_t nl = strcspn(names, "<");
		fprintf(f, "%s%.*s@%u", k ? "<-" : "", (int)nl, names, last_offset(o->src, o->calls[k]));
		names += nl + (names[nl] ? 2 : 0);
	}
	ck_assert_str_eq(chain_text(prof->rules.v[0]->origin), text_close(f, &buf));
}
END_TEST

START_TEST(test_origin_loop)
{
	/* a recursive helper: every rule keeps the call the user wrote, and the
	 * chain stays short however long the loop runs */
	static const char src[] = V1 "(define (f l) (if (null? l) #t (begin "
	                          "(allow file-read* (literal (car l))) (f (cdr l)))))\n"
	                          "(f (list \"/a\" \"/b\" \"/c\"))";
	run(src);
	tu_assert_ndiags(ctx, 0);
	ck_assert_uint_eq(prof->rules.n, 3);
	uint32_t top = offset_in(src, "(f (list"), inner = offset_in(src, "(f (cdr l))");
	char want[64];
	snprintf(want, sizeof want, "f@%u", top);
	ck_assert_str_eq(chain_text(prof->rules.v[0]->origin), want);
	snprintf(want, sizeof want, "f@%u<-f@%u", inner, top);
	ck_assert_str_eq(chain_text(prof->rules.v[1]->origin), want);
	ck_assert_str_eq(chain_text(prof->rules.v[2]->origin), want);
}
END_TEST

START_TEST(test_origin_notes)
{
	/* a finding inside a helper notes the call chain */
	static const char src[] = V1 "(define (helper p) (allow file-read* (subpath p)))\n"
	                          "(helper 5)";
	run(src);
	tu_assert_ndiags(ctx, 1);
	uint32_t at = offset_in(src, "5)");
	const struct sb_diag *d = tu_expect(ctx, BAD, at, at + 1, "'subpath' needs a path string");
	ck_assert_uint_eq(d->nnotes, 1);
	ck_assert_str_eq(d->notes[0].message, "in the call to 'helper' here");
	ck_assert_uint_eq(d->notes[0].span.start, offset_in(src, "(helper 5)"));
}
END_TEST

START_TEST(test_findings_once)
{
	/* an error inside a loop is reported once, not once per iteration */
	static const char src[] = V1 "(for-each (lambda (x) (allow file-read* (literal (+ x 'a)))) "
	                          "'(1 2 3))";
	run(src);
	tu_assert_ndiags(ctx, 1);
	uint32_t at = offset_in(src, "a))))");
	tu_expect(ctx, BAD, at, at + 1, "'+' needs a number, got a");
	ck_assert_str_eq(rules_text(&prof->rules),
	                 "allow file-read* <unknown>\nallow file-read* <unknown>\n"
	                 "allow file-read* <unknown>");
	ck_assert(!prof->exact);
}
END_TEST

START_TEST(test_exact)
{
	run(V1 "(allow file-read* (subpath \"/a\"))");
	ck_assert(prof->exact);
	ck_assert(!prof->aborted);
	ck_assert_uint_eq(prof->nested.n, 0);
	ck_assert_uint_eq(prof->dropped.n, 0);
}
END_TEST

START_TEST(test_dropped)
{
	/* a no-op name makes no rule; it is kept aside for deprecated-operation */
	static const char src[] = V1 "(allow mach-per-user-lookup)(deny system-chud file-read*)";
	run(src);
	tu_assert_ndiags(ctx, 0);
	ck_assert_str_eq(rules_text(&prof->rules), "deny file-read*");
	ck_assert_uint_eq(prof->dropped.n, 2);
	const struct sb_rule *r = prof->dropped.v[0];
	ck_assert_ptr_null(r->op);
	ck_assert_ptr_nonnull(r->op_alias);
	ck_assert_str_eq(r->op_alias->name, "mach-per-user-lookup");
	ck_assert_uint_eq(r->op_span.start, offset_in(src, "mach-per-user-lookup"));
	ck_assert_int_eq(r->action, SB_ACTION_ALLOW);
	r = prof->dropped.v[1];
	ck_assert_str_eq(r->op_alias->name, "system-chud");
	ck_assert_int_eq(r->action, SB_ACTION_DENY);
}
END_TEST

START_TEST(test_alias)
{
	static const char src[] = V1 "(allow process-exec)";
	run(src);
	tu_assert_ndiags(ctx, 0);
	ck_assert_uint_eq(prof->rules.n, 1);
	const struct sb_rule *r = prof->rules.v[0];
	ck_assert_str_eq(r->op->name, "process-exec*");
	ck_assert_ptr_nonnull(r->op_alias);
	ck_assert_str_eq(r->op_alias->name, "process-exec");
	ck_assert_uint_eq(r->op_span.start, offset_in(src, "process-exec"));
}
END_TEST

START_TEST(test_message_filter)
{
	static const char src[] = V1 "(allow mach-message-send (apply-message-filter "
	                          "(deny mach-message-send (message-number 5)) "
	                          "(allow mach-message-send)))";
	run(src);
	tu_assert_ndiags(ctx, 0);
	ck_assert_uint_eq(prof->rules.n, 1);
	ck_assert_uint_eq(prof->nested.n, 2);
	const struct sb_rule *outer = prof->rules.v[0];
	ck_assert_uint_eq(outer->nmods, 1);
	ck_assert_uint_eq(outer->mods[0]->nnested, 2);
	ck_assert_ptr_eq(outer->mods[0]->nested[0], prof->nested.v[0]);
	ck_assert(prof->nested.v[0]->nested);
	ck_assert(!outer->nested);
	ck_assert_ptr_nonnull(outer->mods[0]->mod);
	ck_assert_str_eq(outer->mods[0]->mod->name, "message-filter");
	/* the nested rules were made first */
	ck_assert_uint_lt(prof->nested.v[1]->seq, outer->seq);
}
END_TEST

/* ------------------------------------------------------------ suite */

int main(void)
{
	Suite *s = suite_create("eval");
	TU_LOOP_CASE(s, "lists", test_lists, lists);
	TU_LOOP_CASE(s, "list errors", test_list_errors, list_errors);
	TU_LOOP_CASE(s, "higher order", test_higher_order, higher_order);
	TU_LOOP_CASE(s, "higher order errors", test_higher_order_errors, higher_order_errors);
	TU_LOOP_CASE(s, "predicates", test_predicates, predicates);
	TU_LOOP_CASE(s, "equivalence", test_equivalence, equivalence);
	TU_LOOP_CASE(s, "arithmetic", test_arithmetic, arithmetic);
	TU_LOOP_CASE(s, "comparison", test_comparison, comparison);
	TU_LOOP_CASE(s, "number errors", test_number_errors, number_errors);
	TU_LOOP_CASE(s, "strings", test_strings, strings);
	TU_LOOP_CASE(s, "conversions", test_conversions, conversions);
	TU_LOOP_CASE(s, "string errors", test_string_errors, string_errors);
	TU_LOOP_CASE(s, "vectors and misc", test_vectors_misc, vectors_misc);
	TU_LOOP_CASE(s, "misc errors", test_misc_errors, misc_errors);
	TU_LOOP_CASE(s, "define", test_defines, defines);
	TU_LOOP_CASE(s, "lambda", test_lambdas, lambdas);
	TU_LOOP_CASE(s, "let", test_lets, lets);
	TU_LOOP_CASE(s, "conditionals", test_conditionals, conditionals);
	TU_LOOP_CASE(s, "quote and quasiquote", test_quoting, quoting);
	TU_LOOP_CASE(s, "macros", test_macros, macros);
	TU_LOOP_CASE(s, "special form errors", test_form_errors, form_errors);
	TCase *tc = tu_case(s, "tail calls");
	tcase_add_loop_test(tc, test_tail_calls, 0, (int)SB_COUNTOF(tail_calls));
	TU_LOOP_CASE(s, "actions", test_actions, actions);
	TU_LOOP_CASE(s, "action errors", test_action_errors, action_errors);
	TU_LOOP_CASE(s, "library", test_library, library);
	TU_LOOP_CASE(s, "library values", test_library_values, library_values);
	TU_LOOP_CASE(s, "library errors", test_library_errors, library_errors);
	TU_LOOP_CASE(s, "param", test_params, params);
	TU_LOOP_CASE(s, "version", test_versions, versions);
	/* each limit must end evaluation quickly: Check's timeout fails it if not */
	tc = tu_case(s, "limits");
	tcase_add_loop_test(tc, test_limits, 0, (int)SB_COUNTOF(limits));
	TU_LOOP_CASE(s, "origins", test_origins, origins);

	tc = tcase_create("import");
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_import_relative);
	tcase_add_test(tc, test_import_include_dirs);
	tcase_add_test(tc, test_import_not_found);
	tcase_add_test(tc, test_import_not_found_in_dirs);
	tcase_add_test(tc, test_import_cycle);
	tcase_add_test(tc, test_import_self);
	tcase_add_test(tc, test_import_version_conflict);
	tcase_add_test(tc, test_import_errors_note_the_import);
	suite_add_tcase(s, tc);

	tc = tu_case(s, "rule records");
	tcase_add_test(tc, test_origin_helper);
	tcase_add_test(tc, test_origin_loop);
	tcase_add_test(tc, test_origin_notes);
	tcase_add_test(tc, test_findings_once);
	tcase_add_test(tc, test_exact);
	tcase_add_test(tc, test_dropped);
	tcase_add_test(tc, test_alias);
	tcase_add_test(tc, test_message_filter);
	return tu_run(s);
}
