/*
 * ctx.c -- a compilation context: arena, registered sources, findings.
 */
#include "ctx.h"

#include <stdlib.h>

struct sb_ctx *sb_ctx_new(void)
{
	struct sb_arena *a = sb_arena_new();
	if (!a)
		return NULL;
	struct sb_ctx *ctx = sb_arena_alloc(a, sizeof *ctx);
	if (!ctx) {
		sb_arena_free(a);
		return NULL;
	}
	ctx->arena = a;
	return ctx;
}

void sb_ctx_free(struct sb_ctx *ctx)
{
	if (ctx)
		sb_arena_free(ctx->arena);  /* ctx itself lives in its arena */
}

uint32_t sb_ctx_add_source(struct sb_ctx *ctx, struct sb_source *src)
{
	if (ctx->nfiles == ctx->cap_files) {
		uint32_t cap = ctx->cap_files ? ctx->cap_files * 2 : 8;
		struct sb_source **f = sb_arena_grow(ctx->arena, ctx->files,
		                                     ctx->nfiles, cap, sizeof *f);
		if (!f)
			return UINT32_MAX;
		ctx->files = f;
		ctx->cap_files = cap;
	}
	ctx->files[ctx->nfiles] = src;
	return ctx->nfiles++;
}

const struct sb_source *sb_ctx_source(const struct sb_ctx *ctx, uint32_t file)
{
	return file < ctx->nfiles ? ctx->files[file] : NULL;
}

bool sb_ctx_oom(const struct sb_ctx *ctx)
{
	return sb_arena_failed(ctx->arena);
}
