/*
 * check_source.c -- unit tests for src/source.c: the line table, offset to
 * line:column, line text (CRLF, NUL, non-UTF-8, BOM), reading files of every
 * kind, and the read-failure sentences.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#include "arena.h"

static struct sb_source *from_str(struct str s)
{
	struct sb_source *src = sb_source_from_bytes(ctx->arena, "t.sb", s.s, s.n);
	ck_assert_ptr_nonnull(src);
	return src;
}

/* ------------------------------------------------------------ line table */

static const struct {
	struct str in;
	bool bom;
	uint32_t nlines;
	uint32_t starts[4];
	struct str lines[4];   /* text of each line, terminator excluded */
} tables[] = {
	{ S("a\nbc\n"), false,        3, { 0, 2, 5 },    { S("a"), S("bc"), S("") } },
	{ S("a\r\nbc\r\n"), false,    3, { 0, 3, 7 },    { S("a"), S("bc"), S("") } },
	{ S("a\nb"), false,           2, { 0, 2 },       { S("a"), S("b") } },     /* no final newline */
	{ S(""), false,               1, { 0 },          { S("") } },
	{ S("\n"), false,             2, { 0, 1 },       { S(""), S("") } },
	{ S("\r\n\r\n"), false,       3, { 0, 2, 4 },    { S(""), S(""), S("") } },
	{ S("a\rb\n"), false,         2, { 0, 4 },       { S("a\rb"), S("") } },   /* lone CR is text */
	{ S("a\0b\nc\0"), false,      2, { 0, 4 },       { S("a\0b"), S("c\0") } },
	{ S("\xff\xfe\n\x80"), false, 2, { 0, 3 },       { S("\xff\xfe"), S("\x80") } },
	{ S("\xEF\xBB\xBF(a)\n"), true, 2, { 0, 7 },    { S("\xEF\xBB\xBF(a)"), S("") } },
	{ S("\xEF\xBB"), false,       1, { 0 },          { S("\xEF\xBB") } },      /* half a BOM */
	{ S("\n\n\nx"), false,        4, { 0, 1, 2, 3 }, { S(""), S(""), S(""), S("x") } },
};

START_TEST(test_line_table)
{
	struct sb_source *s = from_str(tables[_i].in);
	ck_assert_uint_eq(s->len, tables[_i].in.n);
	ck_assert_mem_eq(s->text, tables[_i].in.s, tables[_i].in.n);
	ck_assert_int_eq(s->text[s->len], '\0');
	ck_assert_str_eq(s->name, "t.sb");
	ck_assert_ptr_null(s->path);
	ck_assert_int_eq(s->has_bom, tables[_i].bom);
	ck_assert_uint_eq(s->nlines, tables[_i].nlines);
	for (uint32_t l = 0; l < s->nlines; l++) {
		ck_assert_uint_eq(s->line_starts[l], tables[_i].starts[l]);
		size_t len = 99;
		const char *text = sb_source_line(s, l + 1, &len);
		ck_assert_uint_eq(len, tables[_i].lines[l].n);
		ck_assert_mem_eq(text, tables[_i].lines[l].s, len);
		ck_assert_ptr_eq(text, s->text + s->line_starts[l]);
	}
}
END_TEST

/* Lines outside 1..nlines are empty and point at the end of the text. */
START_TEST(test_line_out_of_range)
{
	struct str in = S("a\nb\n");
	struct sb_source *s = from_str(in);
	size_t len = 99;
	ck_assert_ptr_eq(sb_source_line(s, 0, &len), s->text + 4);
	ck_assert_uint_eq(len, 0);
	len = 99;
	ck_assert_ptr_eq(sb_source_line(s, 4, &len), s->text + 4);
	ck_assert_uint_eq(len, 0);
	len = 99;
	ck_assert_ptr_eq(sb_source_line(s, UINT32_MAX, &len), s->text + 4);
	ck_assert_uint_eq(len, 0);
}
END_TEST

/* ------------------------------------------------------------ line:column */

static const struct {
	struct str in;
	uint32_t offset, line, col;
} linecols[] = {
	{ S("a\nbc\n"),         0, 1, 1 },
	{ S("a\nbc\n"),         1, 1, 2 },   /* the '\n' itself */
	{ S("a\nbc\n"),         2, 2, 1 },
	{ S("a\nbc\n"),         4, 2, 3 },
	{ S("a\nbc\n"),         5, 3, 1 },   /* offset == len */
	{ S("a\nbc\n"),        99, 3, 1 },   /* past the end: clamped */
	{ S("a\r\nbc"),         1, 1, 2 },   /* the '\r' */
	{ S("a\r\nbc"),         2, 1, 3 },
	{ S("a\r\nbc"),         3, 2, 1 },
	{ S("a\r\nbc"),         5, 2, 3 },
	{ S(""),                0, 1, 1 },
	{ S(""),                7, 1, 1 },
	{ S("\n"),              0, 1, 1 },
	{ S("\n"),              1, 2, 1 },
	{ S("a\0b\nc"),         2, 1, 3 },   /* a NUL is one column */
	{ S("a\0b\nc"),         4, 2, 1 },
	{ S("\xc3\xa9x"),       2, 1, 3 },   /* columns count bytes */
	{ S("\xEF\xBB\xBFx"),   3, 1, 4 },   /* the BOM still counts */
	{ S("\n\n\n\n\n\n\n\n\nx"), 9, 10, 1 },
	{ S("\n\n\n\n\n\n\n\n\nx"), 8, 9, 1 },
};

START_TEST(test_linecol)
{
	struct sb_source *s = from_str(linecols[_i].in);
	uint32_t line = 0, col = 0;
	sb_source_linecol(s, linecols[_i].offset, &line, &col);
	ck_assert_uint_eq(line, linecols[_i].line);
	ck_assert_uint_eq(col, linecols[_i].col);
}
END_TEST

/* Every offset of a mixed file agrees with a linear count. */
START_TEST(test_linecol_exhaustive)
{
	struct str in = S("(a\n\n  b)\r\n;c\n\n\nxyz");
	struct sb_source *s = from_str(in);
	uint32_t line = 1, col = 1;
	for (uint32_t off = 0; off <= s->len; off++) {
		uint32_t l, c;
		sb_source_linecol(s, off, &l, &c);
		ck_assert_uint_eq(l, line);
		ck_assert_uint_eq(c, col);
		if (off < s->len && in.s[off] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	ck_assert_uint_eq(s->nlines, 7);
}
END_TEST

/* ------------------------------------------------------------ from_bytes */

START_TEST(test_from_bytes_copies)
{
	char buf[] = "(a)\n";
	char name[] = "x.sb";
	struct sb_source *s = sb_source_from_bytes(ctx->arena, name, buf, 4);
	ck_assert_ptr_nonnull(s);
	buf[1] = 'z';
	name[0] = 'y';
	ck_assert_str_eq(s->text, "(a)\n");
	ck_assert_str_eq(s->name, "x.sb");
	ck_assert_ptr_ne(s->text, buf);
	ck_assert_ptr_ne(s->name, name);
}
END_TEST

/* Out of memory at each allocation gives NULL, never a half-built source. */
START_TEST(test_from_bytes_oom)
{
	sb_arena_fail_after(ctx->arena, (unsigned long)_i + 1);
	struct sb_source *s = sb_source_from_bytes(ctx->arena, "x.sb", "a\nb\n", 4);
	ck_assert_ptr_null(s);
	ck_assert(sb_arena_failed(ctx->arena));
}
END_TEST

START_TEST(test_from_bytes_oom_enough)
{
	sb_arena_fail_after(ctx->arena, 5);   /* four allocations suffice */
	struct sb_source *s = sb_source_from_bytes(ctx->arena, "x.sb", "a\nb\n", 4);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->nlines, 3);
	ck_assert(!sb_arena_failed(ctx->arena));
}
END_TEST

START_TEST(test_from_bytes_too_large)
{
	/* the length is refused before the bytes are read */
	ck_assert_ptr_null(sb_source_from_bytes(ctx->arena, "x.sb", "", SB_MAX_FILE_SIZE + 1));
	ck_assert(!sb_arena_failed(ctx->arena));
}
END_TEST

/* ------------------------------------------------------------ read */

enum kind { REGULAR, EMPTY, BIG, DIRECTORY, MISSING, MISSING_DIR, UNDER_FILE,
            DEVNULL, FIFO, UNREADABLE, STDIN, STDIN_BIG };

static const struct {
	enum kind kind;
	enum sb_source_status status;
	int err;
	const char *strerror;   /* sb_source_strerror of the result */
} reads[] = {
	{ REGULAR,     SB_SOURCE_OK,           0,       "no error" },
	{ EMPTY,       SB_SOURCE_OK,           0,       "no error" },
	{ BIG,         SB_SOURCE_OK,           0,       "no error" },   /* > one read buffer */
	{ DIRECTORY,   SB_SOURCE_IS_DIRECTORY, 0,
	  "is a directory; name the profile files to lint" },
	{ MISSING,     SB_SOURCE_NOT_FOUND,    ENOENT,  "no such file" },
	{ MISSING_DIR, SB_SOURCE_NOT_FOUND,    ENOENT,  "no such file" },
	{ UNDER_FILE,  SB_SOURCE_NOT_FOUND,    ENOTDIR, "no such file" },
	{ DEVNULL,     SB_SOURCE_NOT_REGULAR,  0,       "is not a regular file" },
	{ FIFO,        SB_SOURCE_NOT_REGULAR,  0,       "is not a regular file" },
	{ UNREADABLE,  SB_SOURCE_UNREADABLE,   EACCES,  NULL },  /* strerror(EACCES) */
	{ STDIN,       SB_SOURCE_OK,           0,       "no error" },
	{ STDIN_BIG,   SB_SOURCE_OK,           0,       "no error" },   /* grows its buffer */
};

#define BIG_SIZE (200u * 1024u + 7u)

static char tmpdir[64];

static void read_setup(void)
{
	tu_setup();
	strcpy(tmpdir, "/tmp/check_source.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void read_teardown(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s; rm -rf %s", tmpdir, tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	tu_teardown();
}

static const char *write_file(const char *name, const char *text, size_t len)
{
	static char path[128];
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

START_TEST(test_read)
{
	static const char profile[] = "(version 1)\n(allow default)";
	static char big[BIG_SIZE];
	static char path[160];
	const char *p = path;
	size_t want_len = 0;
	const char *want_text = "";

	switch (reads[_i].kind) {
	case REGULAR:
		p = write_file("a.sb", profile, sizeof profile - 1);
		want_text = profile;
		want_len = sizeof profile - 1;
		break;
	case EMPTY:
		p = write_file("empty.sb", "", 0);
		break;
	case BIG:
		for (size_t i = 0; i < BIG_SIZE; i++)
			big[i] = i % 100 == 99 ? '\n' : 'a';
		p = write_file("big.sb", big, BIG_SIZE);
		want_text = big;
		want_len = BIG_SIZE;
		break;
	case DIRECTORY:
		p = tmpdir;
		break;
	case MISSING:
		snprintf(path, sizeof path, "%s/missing.sb", tmpdir);
		break;
	case MISSING_DIR:
		snprintf(path, sizeof path, "%s/nodir/missing.sb", tmpdir);
		break;
	case UNDER_FILE:
		write_file("f", "x", 1);
		snprintf(path, sizeof path, "%s/f/x.sb", tmpdir);
		break;
	case DEVNULL:
		p = "/dev/null";
		break;
	case FIFO:   /* no writer: opening it must not block */
		snprintf(path, sizeof path, "%s/fifo", tmpdir);
		ck_assert_int_eq(mkfifo(path, 0600), 0);
		break;
	case UNREADABLE:
		if (geteuid() == 0)
			return;   /* root reads it anyway */
		p = write_file("locked.sb", profile, sizeof profile - 1);
		ck_assert_int_eq(chmod(p, 0), 0);
		break;
	case STDIN:
	case STDIN_BIG: {
		bool large = reads[_i].kind == STDIN_BIG;
		for (size_t i = 0; large && i < BIG_SIZE; i++)
			big[i] = i % 100 == 99 ? '\n' : 'a';
		want_text = large ? big : profile;
		want_len = large ? BIG_SIZE : sizeof profile - 1;
		const char *f = write_file("in.sb", want_text, want_len);
		int fd = open(f, O_RDONLY);
		ck_assert_int_ge(fd, 0);
		ck_assert_int_eq(dup2(fd, STDIN_FILENO), STDIN_FILENO);
		close(fd);
		p = "-";
		break;
	}
	}

	struct sb_source_error err = { SB_SOURCE_NO_MEMORY, 12345 };
	bool in = reads[_i].kind == STDIN || reads[_i].kind == STDIN_BIG;
	const char *display = in ? "<stdin>" : "shown.sb";
	struct sb_source *s = sb_source_read(ctx->arena, p, display, &err);
	ck_assert_int_eq(err.status, reads[_i].status);
	ck_assert_int_eq(err.errno_value, reads[_i].err);
	if (reads[_i].strerror)
		ck_assert_str_eq(sb_source_strerror(&err), reads[_i].strerror);
	else
		ck_assert_str_eq(sb_source_strerror(&err), strerror(reads[_i].err));
	if (reads[_i].status != SB_SOURCE_OK) {
		ck_assert_ptr_null(s);
		return;
	}
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s->name, display);
	if (in)
		ck_assert_ptr_null(s->path);
	else
		ck_assert_str_eq(s->path, p);
	ck_assert_uint_eq(s->len, want_len);
	ck_assert_mem_eq(s->text, want_text, want_len);
	ck_assert_int_eq(s->text[s->len], '\0');
	if (reads[_i].kind == REGULAR) {
		ck_assert_uint_eq(s->nlines, 2);
		ck_assert_uint_eq(s->line_starts[1], 12);
	} else if (reads[_i].kind == BIG || reads[_i].kind == STDIN_BIG) {
		ck_assert_uint_eq(s->nlines, BIG_SIZE / 100 + 1);
	}
}
END_TEST

/* ------------------------------------------------------------ strerror */

static const struct {
	enum sb_source_status status;
	int err;
	const char *want;
} errors[] = {
	{ SB_SOURCE_OK,           0,      "no error" },
	{ SB_SOURCE_NOT_FOUND,    ENOENT, "no such file" },
	{ SB_SOURCE_UNREADABLE,   0,      "cannot be read" },
	{ SB_SOURCE_UNREADABLE,   EACCES, NULL },   /* the C library's sentence */
	{ SB_SOURCE_UNREADABLE,   EIO,    NULL },
	{ SB_SOURCE_IS_DIRECTORY, 0,      "is a directory; name the profile files to lint" },
	{ SB_SOURCE_NOT_REGULAR,  0,      "is not a regular file" },
	{ SB_SOURCE_TOO_LARGE,    0,      "is larger than the 1 GiB limit" },
	{ SB_SOURCE_NO_MEMORY,    0,      "out of memory while reading" },
	{ (enum sb_source_status)99, 0,   "cannot be read" },
};

START_TEST(test_strerror)
{
	struct sb_source_error e = { errors[_i].status, errors[_i].err };
	const char *want = errors[_i].want ? errors[_i].want : strerror(errors[_i].err);
	ck_assert_str_eq(sb_source_strerror(&e), want);
}
END_TEST

static Suite *source_suite(void)
{
	Suite *s = suite_create("source");

	TU_LOOP_CASE(s, "line_table", test_line_table, tables);
	tcase_add_test(tu_case(s, "line_out_of_range"), test_line_out_of_range);
	TU_LOOP_CASE(s, "linecol", test_linecol, linecols);
	tcase_add_test(tu_case(s, "linecol_exhaustive"), test_linecol_exhaustive);

	TCase *tc = tu_case(s, "from_bytes");
	tcase_add_test(tc, test_from_bytes_copies);
	tcase_add_loop_test(tc, test_from_bytes_oom, 0, 4);
	tcase_add_test(tc, test_from_bytes_oom_enough);
	tcase_add_test(tc, test_from_bytes_too_large);

	tc = tcase_create("read");
	tcase_add_checked_fixture(tc, read_setup, read_teardown);
	tcase_add_loop_test(tc, test_read, 0, (int)SB_COUNTOF(reads));
	tcase_set_timeout(tc, 10);
	suite_add_tcase(s, tc);

	TU_LOOP_CASE(s, "strerror", test_strerror, errors);
	return s;
}

int main(void)
{
	return tu_run(source_suite());
}
