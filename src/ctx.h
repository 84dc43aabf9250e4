/*
 * ctx.h -- one compilation: its arena, its source files and its findings.
 * All state lives here (no mutable globals), so one process can compile many
 * documents at once, as the language server will.
 */
#ifndef SB_CTX_H
#define SB_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "source.h"

/* Stop reporting syntax errors in one file after this many. */
#define SB_MAX_ERRORS 50

struct sb_ctx {
	struct sb_arena *arena;
	struct sb_source **files;   /* indexed by sb_span.file */
	uint32_t nfiles, cap_files;
	struct sb_diag **diags;
	size_t ndiags, cap_diags;
	bool finished;              /* sb_diag_finish ran */
};

/* A new context with its own arena, or NULL when out of memory. */
struct sb_ctx *sb_ctx_new(void);
void sb_ctx_free(struct sb_ctx *ctx);
/* Register a source; returns its file number, or UINT32_MAX when out of memory. */
uint32_t sb_ctx_add_source(struct sb_ctx *ctx, struct sb_source *src);
const struct sb_source *sb_ctx_source(const struct sb_ctx *ctx, uint32_t file);
/* true once any allocation in this context failed. */
bool sb_ctx_oom(const struct sb_ctx *ctx);

#endif
