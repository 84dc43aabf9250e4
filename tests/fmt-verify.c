/*
 * fmt-verify.c -- the properties of `sbplc fmt` on real profiles, for
 * tests/fmt-corpus.sh: for each FILE without syntax errors, the output reads
 * without errors, has the same datum tree (atoms spelled the same) and the
 * same comments in the same order, ends with exactly one newline, and
 * formatting it again changes nothing.  Files with syntax errors are
 * skipped (fmt refuses them).  Prints one line per file; exit 0 when every
 * checked file passed, 1 otherwise, 2 on a read or memory failure.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "datum.h"
#include "fmt.h"
#include "parse.h"

/* The text of comment k of pr, without trailing white space. */
static size_t comment_text(const struct sb_source *src, const struct sb_parse_result *pr,
                           uint32_t k, const char **s)
{
	struct sb_span c = pr->comments[k].span;
	uint32_t end = c.end;
	while (end > c.start && strchr(" \t\r\f\v", src->text[end - 1]))
		end--;
	*s = src->text + c.start;
	return end - c.start;
}

/* Why a and b differ as profiles (trees or comments), or NULL. */
static const char *compare(const struct sb_source *sa, const struct sb_parse_result *a,
                           const struct sb_source *sb, const struct sb_parse_result *b)
{
	if (a->nforms != b->nforms)
		return "a different number of top-level forms";
	for (uint32_t i = 0; i < a->nforms; i++)
		if (!sb_datum_equal(a->forms[i], sa->text, b->forms[i], sb->text))
			return "a different datum tree";
	if (a->ncomments != b->ncomments)
		return "a different number of comments";
	for (uint32_t k = 0; k < a->ncomments; k++) {
		const char *x, *y;
		size_t nx = comment_text(sa, a, k, &x), ny = comment_text(sb, b, k, &y);
		if (nx != ny || memcmp(x, y, nx) != 0)
			return "a different comment";
	}
	return NULL;
}

/* Parse bytes as a new file of ctx; NULL when it has syntax errors. */
static struct sb_parse_result *parse_bytes(struct sb_ctx *ctx, const char *name,
                                           const char *bytes, size_t len,
                                           const struct sb_source **src)
{
	struct sb_source *s = sb_source_from_bytes(ctx->arena, name, bytes, len);
	uint32_t file = s ? sb_ctx_add_source(ctx, s) : UINT32_MAX;
	struct sb_parse_result *pr = file != UINT32_MAX ? sb_parse(ctx, file) : NULL;
	*src = s;
	return pr && pr->nerrors == 0 && ctx->ndiags == 0 ? pr : NULL;
}

/* 0 passed, 1 failed, 77 skipped, 2 could not check. */
static int verify(const char *path)
{
	struct sb_ctx *ctx = sb_ctx_new(), *ctx2 = sb_ctx_new();
	int status = 2;
	const char *why = NULL;
	char *once = NULL, *twice = NULL;
	size_t n1 = 0, n2 = 0;
	struct sb_source_error err;
	struct sb_source *src = ctx ? sb_source_read(ctx->arena, path, path, &err) : NULL;
	uint32_t file = src ? sb_ctx_add_source(ctx, src) : UINT32_MAX;
	struct sb_parse_result *pr = file != UINT32_MAX ? sb_parse(ctx, file) : NULL;
	const struct sb_source *out = NULL;
	struct sb_parse_result *pr2 = NULL;
	if (!ctx2 || !pr) {
		printf("ERROR %s: cannot read or parse\n", path);
		goto done;
	}
	if (pr->nerrors > 0 || ctx->ndiags > 0) {
		printf("skip %s: syntax errors\n", path);
		status = 77;
		goto done;
	}
	if (!sb_fmt(src, pr, &once, &n1)) {
		printf("ERROR %s: out of memory\n", path);
		goto done;
	}
	status = 1;
	if (!(pr2 = parse_bytes(ctx2, path, once, n1, &out)))
		why = "the output has syntax errors";
	else if ((why = compare(src, pr, out, pr2)) != NULL)
		;
	else if (n1 > 0 && (once[n1 - 1] != '\n' || (n1 > 1 && once[n1 - 2] == '\n')))
		why = "the output does not end with exactly one newline";
	else if (!sb_fmt(out, pr2, &twice, &n2))
		why = "out of memory formatting the output";
	else if (n1 != n2 || memcmp(once, twice, n1) != 0)
		why = "formatting the output again changes it (not idempotent)";
	else
		status = 0;
	if (why)
		printf("FAIL %s: %s\n", path, why);
	else
		printf("ok %s\n", path);
done:
	free(once);
	free(twice);
	sb_ctx_free(ctx);
	sb_ctx_free(ctx2);
	return status;
}

int main(int argc, char **argv)
{
	int worst = 0;
	for (int i = 1; i < argc; i++) {
		int s = verify(argv[i]);
		if (s == 77)
			continue;
		if (s > worst)
			worst = s;
	}
	return worst;
}
