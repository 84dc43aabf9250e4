/*
 * regex.c -- SBPL regexes.  A parser with an explicit group stack builds a
 * syntax tree in malloc'd scratch; it is emitted as a Pike-style program into
 * the arena and run as a Thompson NFA.  Nothing recurses on the input.
 */
#include "regex.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define NONE UINT32_MAX
/* Tree nodes allowed per pattern: "()" and "^" cost nodes but few instructions. */
#define MAX_NODES (4 * SB_REGEX_MAX_INSNS)

enum op {
	OP_CHAR,        /* consume ch */
	OP_SET,         /* consume a byte of sets[x] */
	OP_ANY,         /* consume any byte */
	OP_BOL,         /* continue only at offset 0 */
	OP_EOL,         /* continue only at the end */
	OP_SPLIT,       /* continue at x and at y */
	OP_JMP,         /* continue at x */
	OP_MATCH,
};

/* Every instruction but SPLIT and JMP continues at the next one. */
struct insn {
	uint8_t op;
	uint8_t ch;
	uint32_t x, y;
};

struct cset {
	uint32_t w[8];
};

struct sb_regex {
	const struct insn *prog;
	uint32_t n;
	bool anchored;
	const struct cset *sets;
	const char *prefix, *exact;
};

enum kind { N_EMPTY, N_CHAR, N_SET, N_ANY, N_BOL, N_EOL, N_CAT, N_ALT, N_REPEAT };

struct node {
	uint8_t kind;
	uint8_t ch;             /* N_CHAR */
	uint32_t set;           /* N_SET: index into the parser's sets */
	uint32_t kid, next;     /* first child (N_CAT, N_ALT, N_REPEAT), next sibling */
	uint32_t min, max;      /* N_REPEAT; max NONE when unbounded */
	uint32_t size;          /* instructions emitted, at most SB_REGEX_MAX_INSNS */
};

/* One open group; frames[0] is the whole pattern. */
struct frame {
	uint32_t off;                       /* of the '(' */
	uint32_t alts, alts_tail, nalts;    /* finished alternatives */
	uint32_t cat, cat_tail, ncat;       /* the concatenation being read */
	uint64_t alts_size, cat_size;
};

struct parser {
	struct sb_arena *a;
	const unsigned char *p;
	size_t len, i;
	struct sb_regex_error *err;
	struct node *nodes;
	uint32_t nnodes, cap_nodes;
	struct cset *sets;
	uint32_t nsets, cap_sets;
	struct frame *frames;
	uint32_t depth, cap_frames;         /* frames[depth] is the innermost */
};

static const char oom[] = "out of memory";
static const char too_large[] = "regex too large";

static bool fail(struct parser *ps, size_t off, const char *msg)
{
	ps->err->offset = (uint32_t)off;
	ps->err->message = msg;
	return false;
}

static void set_add(struct cset *s, unsigned c)
{
	s->w[c >> 5] |= (uint32_t)1 << (c & 31);
}

static bool set_has(const struct cset *s, unsigned c)
{
	return (s->w[c >> 5] >> (c & 31)) & 1u;
}

static void set_range(struct cset *s, unsigned lo, unsigned hi)
{
	for (unsigned c = lo; c <= hi; c++)
		set_add(s, c);
}

/*
 * arr (cap elements of size) grown to hold need: the new block, or NULL when
 * out of memory (arr is then still valid).
 */
static void *grow(void *arr, uint32_t *cap, uint32_t need, size_t size)
{
	if (need <= *cap)
		return arr;
	size_t n = *cap ? (size_t)*cap * 2 : 16;
	while (n < need)
		n *= 2;
	void *p = realloc(arr, n * size);
	if (p)
		*cap = (uint32_t)n;
	return p;
}

/* Index of a new node of kind, or NONE (error set) past the limit or out of memory. */
static uint32_t new_node(struct parser *ps, enum kind kind, uint32_t size)
{
	if (ps->nnodes >= MAX_NODES) {
		fail(ps, ps->i ? ps->i - 1 : 0, too_large);
		return NONE;
	}
	struct node *nodes = grow(ps->nodes, &ps->cap_nodes, ps->nnodes + 1, sizeof *nodes);
	if (!nodes) {
		fail(ps, ps->i ? ps->i - 1 : 0, oom);
		return NONE;
	}
	ps->nodes = nodes;
	struct node *n = &ps->nodes[ps->nnodes];
	memset(n, 0, sizeof *n);
	n->kind = (uint8_t)kind;
	n->kid = n->next = NONE;
	n->size = size;
	return ps->nnodes++;
}

static uint32_t new_set(struct parser *ps, const struct cset *s)
{
	uint32_t n = new_node(ps, N_SET, 1);
	if (n == NONE)
		return NONE;
	struct cset *sets = grow(ps->sets, &ps->cap_sets, ps->nsets + 1, sizeof *sets);
	if (!sets) {
		fail(ps, ps->i - 1, oom);
		return NONE;
	}
	ps->sets = sets;
	ps->sets[ps->nsets] = *s;
	ps->nodes[n].set = ps->nsets++;
	return n;
}

/* Instructions the innermost frame needs so far: a SPLIT and a JMP per '|'. */
static uint64_t frame_size(const struct frame *f)
{
	return f->alts_size + 2 * (uint64_t)f->nalts + f->cat_size;
}

/* Add node n to the innermost concatenation; off is blamed if it gets too big. */
static bool append(struct parser *ps, uint32_t n, size_t off)
{
	struct frame *f = &ps->frames[ps->depth];
	ps->nodes[n].next = NONE;
	if (f->cat_tail == NONE)
		f->cat = n;
	else
		ps->nodes[f->cat_tail].next = n;
	f->cat_tail = n;
	f->ncat++;
	f->cat_size += ps->nodes[n].size;
	if (frame_size(f) > SB_REGEX_MAX_INSNS)
		return fail(ps, off, too_large);
	return true;
}

static bool atom(struct parser *ps, enum kind kind, unsigned ch, size_t off)
{
	uint32_t n = new_node(ps, kind, kind == N_EMPTY ? 0 : 1);
	if (n == NONE)
		return false;
	ps->nodes[n].ch = (uint8_t)ch;
	return append(ps, n, off);
}

/* Close the innermost concatenation and add it to the alternatives. */
static bool end_alternative(struct parser *ps)
{
	struct frame *f = &ps->frames[ps->depth];
	uint32_t n;
	if (f->ncat == 1) {
		n = f->cat;
	} else if ((n = new_node(ps, f->ncat ? N_CAT : N_EMPTY, 0)) == NONE) {
		return false;
	} else {
		f = &ps->frames[ps->depth];
		ps->nodes[n].kid = f->cat;
		ps->nodes[n].size = (uint32_t)f->cat_size;
	}
	ps->nodes[n].next = NONE;
	if (f->alts_tail == NONE)
		f->alts = n;
	else
		ps->nodes[f->alts_tail].next = n;
	f->alts_tail = n;
	f->nalts++;
	f->alts_size += f->cat_size;
	f->cat = f->cat_tail = NONE;
	f->ncat = 0;
	f->cat_size = 0;
	return true;
}

/* Close the innermost frame; its node, or NONE on error. */
static uint32_t end_frame(struct parser *ps)
{
	if (!end_alternative(ps))
		return NONE;
	struct frame *f = &ps->frames[ps->depth];
	if (f->nalts == 1)
		return f->alts;
	uint32_t n = new_node(ps, N_ALT, 0);
	if (n == NONE)
		return NONE;
	f = &ps->frames[ps->depth];
	ps->nodes[n].kid = f->alts;
	ps->nodes[n].size = (uint32_t)(f->alts_size + 2 * (uint64_t)(f->nalts - 1));
	return n;
}

/* A new innermost frame for the '(' at off, or the top level when !nested. */
static bool open_frame(struct parser *ps, size_t off, bool nested)
{
	if (ps->depth >= SB_REGEX_MAX_NESTING)
		return fail(ps, off, "nesting too deep");
	struct frame *frames = grow(ps->frames, &ps->cap_frames, ps->depth + 2, sizeof *frames);
	if (!frames)
		return fail(ps, off, oom);
	ps->frames = frames;
	if (nested)
		ps->depth++;
	struct frame *f = &ps->frames[ps->depth];
	memset(f, 0, sizeof *f);
	f->off = (uint32_t)off;
	f->alts = f->alts_tail = f->cat = f->cat_tail = NONE;
	return true;
}

/* e{min,max} on the last item read; off is the operator. */
static bool repeat(struct parser *ps, size_t off, uint32_t min, uint32_t max)
{
	struct frame *f = &ps->frames[ps->depth];
	uint32_t last = f->cat_tail;
	if (last == NONE)
		return fail(ps, off, "nothing to repeat");
	uint64_t s = ps->nodes[last].size, size;
	if (s == 0 || max == 0)
		size = 0;
	else if (max == NONE)
		size = min == 0 ? s + 2 : min * s + 1;
	else
		size = min * s + (max - min) * (s + 1);
	if (size > SB_REGEX_MAX_INSNS)
		return fail(ps, off, too_large);
	/* The item moves to a new node and its slot becomes the repetition. */
	uint32_t kid = new_node(ps, N_EMPTY, 0);
	if (kid == NONE)
		return false;
	f = &ps->frames[ps->depth];
	ps->nodes[kid] = ps->nodes[last];
	ps->nodes[kid].next = NONE;
	struct node *r = &ps->nodes[last];
	memset(r, 0, sizeof *r);
	r->kind = N_REPEAT;
	r->kid = kid;
	r->next = NONE;
	r->min = min;
	r->max = max;
	r->size = (uint32_t)size;
	f->cat_size = f->cat_size - s + size;
	if (frame_size(f) > SB_REGEX_MAX_INSNS)
		return fail(ps, off, too_large);
	return true;
}

static bool is_digit(unsigned c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Digits at ps->p[*j], saturated; false when there are none. */
static bool number(const struct parser *ps, size_t *j, uint32_t *val)
{
	size_t start = *j;
	uint32_t v = 0;
	while (*j < ps->len && is_digit(ps->p[*j])) {
		if (v <= 100000)
			v = v * 10 + (uint32_t)(ps->p[*j] - '0');
		(*j)++;
	}
	*val = v;
	return *j > start;
}

/*
 * '{' at off, ps->i just after it: 1 when a bound {n} {n,} {n,m} or {,m}
 * follows (consumed), 0 when the '{' is a literal, -1 on error.
 */
static int bound(struct parser *ps, size_t off, uint32_t *min, uint32_t *max)
{
	size_t j = ps->i;
	uint32_t n = 0, m = 0;
	bool has_n = number(ps, &j, &n), comma = false, has_m = false;
	if (j < ps->len && ps->p[j] == ',') {
		comma = true;
		j++;
		has_m = number(ps, &j, &m);
	}
	if (j >= ps->len || ps->p[j] != '}' || (!has_n && !has_m))
		return 0;
	j++;
	*min = has_n ? n : 0;
	*max = !comma ? *min : has_m ? m : NONE;
	int w = (int)(j - off);
	if (n > SB_REGEX_MAX_REPEAT || (has_m && m > SB_REGEX_MAX_REPEAT)) {
		const char *msg = sb_arena_printf(ps->a, "repetition count in '%.*s' exceeds %d",
		                                  w, (const char *)ps->p + off, SB_REGEX_MAX_REPEAT);
		fail(ps, off, msg ? msg : oom);
		return -1;
	}
	if (*max < *min) {
		const char *msg = sb_arena_printf(ps->a, "repetition range '%.*s' is out of order",
		                                  w, (const char *)ps->p + off);
		fail(ps, off, msg ? msg : oom);
		return -1;
	}
	ps->i = j;
	return 1;
}

/* \w \W \d \D \s \S: add the class to s and return true; false for other c. */
static bool class_escape(unsigned c, struct cset *s)
{
	struct cset t;
	memset(&t, 0, sizeof t);
	switch (c) {
	case 'w': case 'W':
		set_range(&t, 'a', 'z');
		set_range(&t, 'A', 'Z');
		set_range(&t, '0', '9');
		set_add(&t, '_');
		break;
	case 'd': case 'D':
		set_range(&t, '0', '9');
		break;
	case 's': case 'S':
		set_range(&t, '\t', '\r');  /* \t \n \v \f \r */
		set_add(&t, ' ');
		break;
	default:
		return false;
	}
	bool negate = c == 'W' || c == 'D' || c == 'S';
	for (int k = 0; k < 8; k++)
		s->w[k] |= negate ? ~t.w[k] : t.w[k];
	return true;
}

/* The byte an escape \c stands for, outside class escapes and back-references. */
static unsigned escaped_char(unsigned c)
{
	switch (c) {
	case 'n': return '\n';
	case 't': return '\t';
	case 'r': return '\r';
	default:  return c;  /* \. \/ \$ ...; an unknown letter is itself */
	}
}

static const struct {
	const char *name;
	unsigned char ranges[6];    /* pairs lo, hi; a hi of 0 ends */
	const char *extra;          /* single members */
} posix_classes[] = {
	{ "alnum",  { '0', '9', 'A', 'Z', 'a', 'z' }, "" },
	{ "alpha",  { 'A', 'Z', 'a', 'z', 0, 0 },     "" },
	{ "blank",  { 0, 0, 0, 0, 0, 0 },             " \t" },
	{ "cntrl",  { 0, 31, 127, 127, 0, 0 },        "" },
	{ "digit",  { '0', '9', 0, 0, 0, 0 },         "" },
	{ "graph",  { '!', '~', 0, 0, 0, 0 },         "" },
	{ "lower",  { 'a', 'z', 0, 0, 0, 0 },         "" },
	{ "print",  { ' ', '~', 0, 0, 0, 0 },         "" },
	{ "punct",  { '!', '/', ':', '@', '[', '`' }, "{|}~" },
	{ "space",  { '\t', '\r', 0, 0, 0, 0 },       " " },
	{ "upper",  { 'A', 'Z', 0, 0, 0, 0 },         "" },
	{ "xdigit", { '0', '9', 'A', 'F', 'a', 'f' }, "" },
};

/*
 * [:name:] at ps->i inside a bracket: 1 when it was a class (added to s,
 * consumed), 0 when the '[' is an ordinary member, -1 for an unknown name.
 */
static int posix_class(struct parser *ps, struct cset *s)
{
	size_t start = ps->i, j = start + 2;
	if (j > ps->len || ps->p[start + 1] != ':')
		return 0;
	while (j < ps->len && is_alpha(ps->p[j]))
		j++;
	if (j + 1 >= ps->len || ps->p[j] != ':' || ps->p[j + 1] != ']')
		return 0;
	size_t n = j - (start + 2);
	const char *name = (const char *)ps->p + start + 2;
	for (size_t k = 0; k < sizeof posix_classes / sizeof posix_classes[0]; k++) {
		if (strlen(posix_classes[k].name) != n || memcmp(posix_classes[k].name, name, n) != 0)
			continue;
		for (int r = 0; r < 6 && posix_classes[k].ranges[r + 1]; r += 2)
			set_range(s, posix_classes[k].ranges[r], posix_classes[k].ranges[r + 1]);
		for (const char *e = posix_classes[k].extra; *e; e++)
			set_add(s, (unsigned char)*e);
		ps->i = j + 2;
		return 1;
	}
	const char *msg = sb_arena_printf(ps->a, "unknown character class '[:%.*s:]'",
	                                  (int)n, name);
	fail(ps, start, msg ? msg : oom);
	return -1;
}

/*
 * One member of the bracket opened at bra: 1 with *ch for a single byte, 0
 * when a class was added to s, -1 on error.
 */
static int bracket_item(struct parser *ps, struct cset *s, unsigned *ch, size_t bra)
{
	unsigned c = ps->p[ps->i];
	if (c == '[') {
		int r = posix_class(ps, s);
		if (r != 0)
			return r > 0 ? 0 : -1;
	} else if (c == '\\') {
		/* Apple writes [-\w.] and [^\.]: escapes work inside brackets too. */
		if (ps->i + 1 >= ps->len) {
			fail(ps, bra, "unterminated bracket expression");
			return -1;
		}
		c = ps->p[ps->i + 1];
		ps->i += 2;
		if (class_escape(c, s))
			return 0;
		*ch = escaped_char(c);
		return 1;
	}
	ps->i++;
	*ch = c;
	return 1;
}

/* [...] with ps->i after the '[' at off. */
static bool bracket(struct parser *ps, size_t off)
{
	struct cset s;
	memset(&s, 0, sizeof s);
	bool negate = false, first = true;
	if (ps->i < ps->len && ps->p[ps->i] == '^') {
		negate = true;
		ps->i++;
	}
	for (;;) {
		if (ps->i >= ps->len)
			return fail(ps, off, "unterminated bracket expression");
		if (ps->p[ps->i] == ']' && !first) {
			ps->i++;
			break;
		}
		first = false;  /* a ']' first is a member */
		size_t start = ps->i;
		unsigned lo, hi;
		int r = bracket_item(ps, &s, &lo, off);
		if (r <= 0) {
			if (r < 0)
				return false;
			continue;
		}
		/* a '-' first, last or right after a range is a member */
		if (ps->i + 1 >= ps->len || ps->p[ps->i] != '-' || ps->p[ps->i + 1] == ']') {
			set_add(&s, lo);
			continue;
		}
		ps->i++;
		r = bracket_item(ps, &s, &hi, off);
		if (r < 0)
			return false;
		if (r == 0) {           /* a-\w: no range, three members */
			set_add(&s, lo);
			set_add(&s, '-');
			continue;
		}
		if (hi < lo) {
			const char *msg = sb_arena_printf(ps->a, "range '%.*s' is out of order",
			                                  (int)(ps->i - start),
			                                  (const char *)ps->p + start);
			return fail(ps, start, msg ? msg : oom);
		}
		set_range(&s, lo, hi);
	}
	if (negate)
		for (int k = 0; k < 8; k++)
			s.w[k] = ~s.w[k];
	uint32_t n = new_set(ps, &s);
	return n != NONE && append(ps, n, off);
}

/* \c with ps->i after the '\' at off. */
static bool escape(struct parser *ps, size_t off)
{
	if (ps->i >= ps->len)
		return fail(ps, off, "trailing backslash");
	unsigned c = ps->p[ps->i++];
	if (c >= '1' && c <= '9')
		return fail(ps, off, "back-references are not supported");
	struct cset s;
	memset(&s, 0, sizeof s);
	if (class_escape(c, &s)) {
		uint32_t n = new_set(ps, &s);
		return n != NONE && append(ps, n, off);
	}
	return atom(ps, N_CHAR, escaped_char(c), off);
}

/* The whole pattern; its root node, or NONE with ps->err set. */
static uint32_t parse(struct parser *ps)
{
	if (!open_frame(ps, 0, false))
		return NONE;
	while (ps->i < ps->len) {
		size_t off = ps->i;
		unsigned c = ps->p[ps->i++];
		uint32_t n, min, max;
		bool ok;
		int r;
		switch (c) {
		case '(':
			ok = open_frame(ps, off, true);
			break;
		case ')':
			if (ps->depth == 0) {
				fail(ps, off, "unbalanced ')'");
				return NONE;
			}
			n = end_frame(ps);
			if (n == NONE)
				return NONE;
			off = ps->frames[ps->depth--].off;
			ok = append(ps, n, off);
			break;
		case '|':  /* another alternative: one more SPLIT and JMP */
			ok = end_alternative(ps);
			if (ok && frame_size(&ps->frames[ps->depth]) > SB_REGEX_MAX_INSNS)
				ok = fail(ps, off, too_large);
			break;
		case '*':
			ok = repeat(ps, off, 0, NONE);
			break;
		case '+':
			ok = repeat(ps, off, 1, NONE);
			break;
		case '?':
			ok = repeat(ps, off, 0, 1);
			break;
		case '{':
			r = bound(ps, off, &min, &max);
			ok = r > 0 ? repeat(ps, off, min, max) : r == 0 && atom(ps, N_CHAR, c, off);
			break;
		case '^':
			ok = atom(ps, N_BOL, 0, off);
			break;
		case '$':
			ok = atom(ps, N_EOL, 0, off);
			break;
		case '.':
			ok = atom(ps, N_ANY, 0, off);
			break;
		case '[':
			ok = bracket(ps, off);
			break;
		case '\\':
			ok = escape(ps, off);
			break;
		default:
			ok = atom(ps, N_CHAR, c, off);
			break;
		}
		if (!ok)
			return NONE;
	}
	if (ps->depth > 0) {
		fail(ps, ps->frames[1].off, "unbalanced '('");
		return NONE;
	}
	return end_frame(ps);
}

/* Copy prog[src, src+n) to dst > src, moving jump targets along. */
static void relocate(struct insn *prog, uint32_t src, uint32_t dst, uint32_t n)
{
	uint32_t delta = dst - src;
	for (uint32_t k = 0; k < n; k++) {
		struct insn in = prog[src + k];
		if (in.op == OP_SPLIT || in.op == OP_JMP) {
			in.x += delta;
			in.y += delta;
		}
		prog[dst + k] = in;
	}
}

/* Where the one emitted copy of a repetition's operand starts. */
static uint32_t first_copy(const struct node *r, uint32_t pc)
{
	return r->min == 0 ? pc + 1 : pc;
}

/* The instructions after the operand of repetition r at pc was emitted. */
static void finish_repeat(struct insn *prog, const struct node *r, uint32_t s, uint32_t pc)
{
	uint32_t end = pc + r->size, src = first_copy(r, pc);
	if (r->max == NONE && r->min == 0) {
		prog[pc] = (struct insn){ .op = OP_SPLIT, .x = pc + 1, .y = end };
		prog[pc + 1 + s] = (struct insn){ .op = OP_JMP, .x = pc };
		return;
	}
	for (uint32_t i = 1; i < r->min; i++)
		relocate(prog, src, pc + i * s, s);
	uint32_t q = pc + r->min * s;
	if (r->max == NONE) {
		prog[q] = (struct insn){ .op = OP_SPLIT, .x = q - s, .y = end };
		return;
	}
	for (uint32_t j = r->min; j < r->max; j++, q += s + 1) {
		prog[q] = (struct insn){ .op = OP_SPLIT, .x = q + 1, .y = end };
		if (q + 1 != src)
			relocate(prog, src, q + 1, s);
	}
}

struct task {
	uint32_t node, pc;
	bool finish;
};

/* Emit the tree at root into prog (root's size + 1 instructions); false when out of memory. */
static bool emit(const struct parser *ps, uint32_t root, struct insn *prog)
{
	struct task *stack = malloc(((size_t)ps->nnodes * 2 + 2) * sizeof *stack);
	if (!stack)
		return false;
	size_t sp = 0;
	stack[sp++] = (struct task){ root, 0, false };
	while (sp) {
		struct task t = stack[--sp];
		const struct node *n = &ps->nodes[t.node];
		uint32_t pc = t.pc, k;
		switch ((enum kind)n->kind) {
		case N_EMPTY:
			break;
		case N_CHAR:
			prog[pc] = (struct insn){ .op = OP_CHAR, .ch = n->ch };
			break;
		case N_SET:
			prog[pc] = (struct insn){ .op = OP_SET, .x = n->set };
			break;
		case N_ANY:
			prog[pc] = (struct insn){ .op = OP_ANY };
			break;
		case N_BOL:
			prog[pc] = (struct insn){ .op = OP_BOL };
			break;
		case N_EOL:
			prog[pc] = (struct insn){ .op = OP_EOL };
			break;
		case N_CAT:
			for (k = n->kid; k != NONE; k = ps->nodes[k].next) {
				stack[sp++] = (struct task){ k, pc, false };
				pc += ps->nodes[k].size;
			}
			break;
		case N_ALT:
			/* SPLIT L1, L2; L1: e1; JMP end; L2: SPLIT ...; Ln: en; end: */
			for (k = n->kid; k != NONE; k = ps->nodes[k].next) {
				uint32_t s = ps->nodes[k].size;
				if (ps->nodes[k].next == NONE) {
					stack[sp++] = (struct task){ k, pc, false };
					break;
				}
				prog[pc] = (struct insn){ .op = OP_SPLIT, .x = pc + 1, .y = pc + s + 2 };
				stack[sp++] = (struct task){ k, pc + 1, false };
				prog[pc + 1 + s] = (struct insn){ .op = OP_JMP, .x = t.pc + n->size };
				pc += s + 2;
			}
			break;
		case N_REPEAT:
			if (n->size == 0)
				break;
			if (t.finish) {
				finish_repeat(prog, n, ps->nodes[n->kid].size, pc);
				break;
			}
			stack[sp++] = (struct task){ t.node, pc, true };
			stack[sp++] = (struct task){ n->kid, first_copy(n, pc), false };
			break;
		}
	}
	free(stack);
	prog[ps->nodes[root].size] = (struct insn){ .op = OP_MATCH };
	return true;
}

/* NFA simulation: a sparse set of instructions (Briggs & Torczon). */
struct threads {
	uint32_t *dense, *sparse;
	uint32_t n;
};

#define SAW_MATCH 1u
#define SAW_EOL   2u   /* an '$' that did not hold */

/*
 * Add pc and everything reachable from it without consuming a byte to t;
 * bol / eol tell whether '^' / '$' hold here.  stack holds 2 * n + 2.
 */
static unsigned closure(const struct sb_regex *re, struct threads *t, uint32_t *stack,
                        uint32_t pc, bool bol, bool eol)
{
	unsigned saw = 0;
	size_t sp = 0;
	stack[sp++] = pc;
	while (sp) {
		pc = stack[--sp];
		uint32_t k = t->sparse[pc];
		if (k < t->n && t->dense[k] == pc)
			continue;
		t->sparse[pc] = t->n;
		t->dense[t->n++] = pc;
		const struct insn *in = &re->prog[pc];
		switch ((enum op)in->op) {
		case OP_SPLIT:
			stack[sp++] = in->y;
			stack[sp++] = in->x;
			break;
		case OP_JMP:
			stack[sp++] = in->x;
			break;
		case OP_BOL:
			if (bol)
				stack[sp++] = pc + 1;
			break;
		case OP_EOL:
			if (eol)
				stack[sp++] = pc + 1;
			else
				saw |= SAW_EOL;
			break;
		case OP_MATCH:
			saw |= SAW_MATCH;
			break;
		case OP_CHAR: case OP_SET: case OP_ANY:
			break;
		}
	}
	return saw;
}

#define NO_BYTE    (-1)
#define MANY_BYTES (-2)

/* The one byte in accepts, NO_BYTE when it consumes none, else MANY_BYTES. */
static int only_byte(const struct sb_regex *re, const struct insn *in)
{
	if (in->op == OP_CHAR)
		return in->ch;
	if (in->op == OP_ANY)
		return MANY_BYTES;
	if (in->op != OP_SET)
		return NO_BYTE;
	int found = NO_BYTE;
	for (unsigned c = 0; c < 256; c++) {
		if (!set_has(&re->sets[in->x], c))
			continue;
		if (found != NO_BYTE)
			return MANY_BYTES;
		found = (int)c;
	}
	return found;
}

static bool consumes(const struct insn *in)
{
	return in->op == OP_CHAR || in->op == OP_SET || in->op == OP_ANY;
}

static bool accepts(const struct sb_regex *re, const struct insn *in, unsigned c)
{
	switch ((enum op)in->op) {
	case OP_CHAR: return in->ch == c;
	case OP_SET:  return set_has(&re->sets[in->x], c);
	case OP_ANY:  return true;
	default:      return false;
	}
}

/* Two thread lists and a closure stack in one block; NULL when out of memory. */
static uint32_t *scratch(const struct sb_regex *re, struct threads t[2], uint32_t **stack)
{
	size_t n = re->n;
	uint32_t *mem = calloc(6 * n + 2, sizeof *mem);
	if (!mem)
		return NULL;
	t[0] = (struct threads){ mem, mem + n, 0 };
	t[1] = (struct threads){ mem + 2 * n, mem + 3 * n, 0 };
	*stack = mem + 4 * n;
	return mem;
}

bool sb_regex_search(const struct sb_regex *re, const char *s, size_t n)
{
	struct threads t[2];
	uint32_t *stack, *mem = scratch(re, t, &stack);
	if (!mem)
		return false;
	struct threads *cur = &t[0], *next = &t[1];
	bool found = closure(re, cur, stack, 0, true, n == 0) & SAW_MATCH;
	for (size_t pos = 0; pos < n && !found; pos++) {
		unsigned c = (unsigned char)s[pos];
		bool at_end = pos + 1 == n;
		next->n = 0;
		for (uint32_t k = 0; k < cur->n && !found; k++) {
			const struct insn *in = &re->prog[cur->dense[k]];
			if (consumes(in) && accepts(re, in, c))
				found = closure(re, next, stack, cur->dense[k] + 1, false, at_end) & SAW_MATCH;
		}
		if (!re->anchored && !found)
			found = closure(re, next, stack, 0, false, at_end) & SAW_MATCH;
		struct threads *tmp = cur;
		cur = next;
		next = tmp;
		if (cur->n == 0)  /* only when anchored: nothing can start later */
			break;
	}
	free(mem);
	return found;
}

/*
 * The longest string every match from offset 0 begins with: follow the
 * instructions while all live ones consume the same single byte.  t[0]
 * and t[1] are empty.  An arena string, or NULL when out of memory.
 */
static const char *prefix(struct sb_arena *a, const struct sb_regex *re,
                          struct threads t[2], uint32_t *stack)
{
	char *buf = malloc((size_t)re->n + 1);
	if (!buf)
		return NULL;
	size_t len = 0;
	struct threads *cur = &t[0], *next = &t[1];
	unsigned saw = closure(re, cur, stack, 0, true, false);
	/* A loop of one-member sets could go on forever; a real prefix is shorter. */
	while (!saw && len < re->n) {
		int c = NO_BYTE;
		for (uint32_t k = 0; k < cur->n && c != MANY_BYTES; k++) {
			int m = only_byte(re, &re->prog[cur->dense[k]]);
			if (m != NO_BYTE)
				c = c == NO_BYTE || c == m ? m : MANY_BYTES;
		}
		if (c <= 0)  /* none, several, or NUL (which a C string cannot hold) */
			break;
		buf[len++] = (char)c;
		next->n = 0;
		for (uint32_t k = 0; k < cur->n; k++)
			if (accepts(re, &re->prog[cur->dense[k]], (unsigned)c))
				saw |= closure(re, next, stack, cur->dense[k] + 1, false, false);
		struct threads *tmp = cur;
		cur = next;
		next = tmp;
	}
	const char *got = sb_arena_strndup(a, buf, len);
	free(buf);
	return got;
}

/*
 * Anchored when, away from offset 0, no byte can be consumed and no match
 * reached; then the prefix.  false when out of memory.
 */
static bool analyse(struct sb_arena *a, struct sb_regex *re)
{
	struct threads t[2];
	uint32_t *stack, *mem = scratch(re, t, &stack);
	if (!mem)
		return false;
	unsigned saw = closure(re, &t[0], stack, 0, false, false);
	for (uint32_t k = 0; k < t[0].n; k++)
		if (consumes(&re->prog[t[0].dense[k]]))
			saw |= SAW_MATCH;
	saw |= closure(re, &t[1], stack, 0, false, true);
	re->anchored = !(saw & SAW_MATCH);
	bool ok = true;
	if (re->anchored) {
		t[0].n = t[1].n = 0;
		re->prefix = prefix(a, re, t, stack);
		ok = re->prefix != NULL;
	}
	free(mem);
	return ok;
}

/* ^c...c$ with only single bytes between: that string, else NULL (and *ok unless out of memory). */
static const char *exact_literal(struct sb_arena *a, const struct parser *ps, uint32_t root,
                                 const struct sb_regex *re, bool *ok)
{
	const struct node *r = &ps->nodes[root];
	*ok = true;
	if (r->kind != N_CAT || ps->nodes[r->kid].kind != N_BOL)
		return NULL;
	char *buf = sb_arena_alloc(a, r->size);
	if (!buf) {
		*ok = false;
		return NULL;
	}
	size_t len = 0;
	for (uint32_t k = ps->nodes[r->kid].next; k != NONE; k = ps->nodes[k].next) {
		const struct node *n = &ps->nodes[k];
		if (n->kind == N_EOL && n->next == NONE)
			return buf;
		if (n->kind != N_CHAR && n->kind != N_SET)
			return NULL;
		struct insn in = { .op = n->kind == N_CHAR ? OP_CHAR : OP_SET, .ch = n->ch, .x = n->set };
		int c = only_byte(re, &in);
		if (c <= 0)
			return NULL;
		buf[len++] = (char)c;
	}
	return NULL;
}

struct sb_regex *sb_regex_compile(struct sb_arena *a, const char *pat, size_t len,
                                  struct sb_regex_error *err)
{
	struct parser ps;
	memset(&ps, 0, sizeof ps);
	ps.a = a;
	ps.p = (const unsigned char *)pat;
	ps.len = len;
	ps.err = err;
	err->offset = 0;
	err->message = NULL;
	if (len >= UINT32_MAX) {  /* offsets are uint32_t */
		fail(&ps, 0, too_large);
		return NULL;
	}
	struct sb_regex *re = NULL;
	uint32_t root = parse(&ps);
	if (root == NONE)
		goto out;
	uint32_t n = ps.nodes[root].size + 1;
	re = sb_arena_alloc(a, sizeof *re);
	struct insn *prog = sb_arena_calloc(a, n, sizeof *prog);
	struct cset *sets = sb_arena_calloc(a, ps.nsets ? ps.nsets : 1, sizeof *sets);
	bool ok = re && prog && sets && emit(&ps, root, prog);
	if (ok) {
		if (ps.nsets)
			memcpy(sets, ps.sets, ps.nsets * sizeof *sets);
		re->prog = prog;
		re->n = n;
		re->sets = sets;
		re->exact = exact_literal(a, &ps, root, re, &ok);
	}
	if (!ok || !analyse(a, re)) {
		re = NULL;
		fail(&ps, 0, oom);
	}
out:
	free(ps.nodes);
	free(ps.sets);
	free(ps.frames);
	return re;
}

bool sb_regex_anchored(const struct sb_regex *re)
{
	return re->anchored;
}

const char *sb_regex_literal_prefix(const struct sb_regex *re)
{
	return re->anchored ? re->prefix : NULL;
}

const char *sb_regex_exact_literal(const struct sb_regex *re)
{
	return re->exact;
}

size_t sb_regex_size(const struct sb_regex *re)
{
	return re->n;
}
