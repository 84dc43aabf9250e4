/*
 * source.h -- a profile's bytes and its line table.  Offsets are bytes;
 * line:column are 1-based, columns counted in bytes (as gcc and the
 * diagnostic contract do).
 */
#ifndef SB_SOURCE_H
#define SB_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sb_arena;

/* Files larger than this are refused, so a uint32_t offset never truncates. */
#define SB_MAX_FILE_SIZE ((size_t)1 << 30)

/* Half-open byte range [start, end) in file number `file` of the context. */
struct sb_span {
	uint32_t file, start, end;
};

struct sb_source {
	const char *name;       /* as given on the command line; "<stdin>" for - */
	const char *path;       /* for opening imports relative to it; NULL for stdin */
	const char *text;       /* NUL-terminated copy; may contain NUL bytes */
	uint32_t len;
	uint32_t *line_starts;  /* offset of each line's first byte */
	uint32_t nlines;
	bool has_bom;           /* a UTF-8 BOM was skipped: offsets still count it */
};

enum sb_source_status {
	SB_SOURCE_OK,
	SB_SOURCE_NOT_FOUND,
	SB_SOURCE_UNREADABLE,   /* permission or I/O error: see errno_value */
	SB_SOURCE_IS_DIRECTORY,
	SB_SOURCE_NOT_REGULAR,  /* a device, fifo or socket other than stdin */
	SB_SOURCE_TOO_LARGE,
	SB_SOURCE_NO_MEMORY,
};

struct sb_source_error {
	enum sb_source_status status;
	int errno_value;
};

/*
 * Read path (or stdin when path is "-") into the arena.  display is the name
 * diagnostics print.  On failure returns NULL and fills *err.
 */
struct sb_source *sb_source_read(struct sb_arena *a, const char *path,
                                 const char *display, struct sb_source_error *err);
/* A source from bytes in memory (tests, the language server, preludes). */
struct sb_source *sb_source_from_bytes(struct sb_arena *a, const char *name,
                                       const char *bytes, size_t len);
/* A user-facing sentence for a read failure, e.g. "is a directory". */
const char *sb_source_strerror(const struct sb_source_error *err);

/* line:col (1-based, byte column) of offset; offset may equal len. */
void sb_source_linecol(const struct sb_source *s, uint32_t offset,
                       uint32_t *line, uint32_t *col);
/* The bytes of line `line` (1-based) without its terminator (\n or \r\n). */
const char *sb_source_line(const struct sb_source *s, uint32_t line, size_t *len);

#endif
