/*
 * leaf.c -- helpers the checks share for string arguments and their spans.
 */
#include "leaf.h"

#include <string.h>

#include "arena.h"
#include "ctx.h"

const char *sb_leaf_quote(struct sb_arena *a, const char *s, size_t len, bool raw)
{
	if (raw) {
		if (memchr(s, '"', len) || memchr(s, '\0', len))
			return NULL;
		return sb_arena_printf(a, "#\"%.*s\"", (int)len, s);
	}
	char *out = sb_arena_alloc(a, len * 2 + 3);
	if (!out)
		return NULL;
	size_t k = 0;
	out[k++] = '"';
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '"' || s[i] == '\\')
			out[k++] = '\\';
		out[k++] = s[i];
	}
	out[k++] = '"';
	out[k] = '\0';
	return out;
}

bool sb_leaf_byte_span(const struct sb_ctx *ctx, const struct sb_value *v, size_t i,
                       struct sb_span *out)
{
	if (!(v->flags & SB_VF_LITERAL))
		return false;
	const struct sb_source *src = sb_ctx_source(ctx, v->span.file);
	if (!src)
		return false;
	uint32_t open = (v->flags & SB_VF_RAW) ? 2 : 1;
	uint32_t start = v->span.start + open;
	uint32_t inner = v->span.end - 1 - start;   /* bytes between the quotes */
	if (inner != v->u.str.len ||
	    (!(v->flags & SB_VF_RAW) && memchr(src->text + start, '\\', inner)))
		return false;                            /* escapes: offsets shift */
	out->file = v->span.file;
	out->start = start + (uint32_t)i;
	out->end = out->start + (i < inner ? 1 : 0);
	return true;
}
