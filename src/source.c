/*
 * source.c -- read a profile once into the arena and build its line table.
 * Lines end at '\n'; a '\r' before it belongs to the terminator, so CRLF files
 * get the same columns as LF files.  Bytes are never decoded here.
 */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

static bool build_line_table(struct sb_arena *a, struct sb_source *s)
{
	uint32_t n = 1;
	for (const char *p = s->text, *end = s->text + s->len;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		n++;
	s->line_starts = sb_arena_calloc(a, n, sizeof *s->line_starts);
	if (!s->line_starts)
		return false;
	s->line_starts[0] = 0;
	s->nlines = 1;
	for (const char *p = s->text, *end = s->text + s->len;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		s->line_starts[s->nlines++] = (uint32_t)(p - s->text) + 1;
	return true;
}

/* Wrap text[0..len) (NUL-terminated, owned by the arena) as a source. */
static struct sb_source *make_source(struct sb_arena *a, const char *name,
                                     char *text, size_t len)
{
	struct sb_source *s = sb_arena_alloc(a, sizeof *s);
	if (!s)
		return NULL;
	text[len] = '\0';
	s->name = sb_arena_strdup(a, name);
	s->text = text;
	s->len = (uint32_t)len;
	s->has_bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
	if (!s->name || !build_line_table(a, s))
		return NULL;
	return s;
}

struct sb_source *sb_source_from_bytes(struct sb_arena *a, const char *name,
                                       const char *bytes, size_t len)
{
	if (len > SB_MAX_FILE_SIZE)
		return NULL;
	char *text = sb_arena_strndup(a, bytes, len);
	return text ? make_source(a, name, text, len) : NULL;
}

static struct sb_source *fail(struct sb_source_error *err,
                              enum sb_source_status st, int e)
{
	err->status = st;
	err->errno_value = e;
	return NULL;
}

/*
 * Read all of fd into the arena.  size_hint (from fstat) sizes the buffer
 * for regular files so a large profile is read without copies; pipes grow.
 */
static struct sb_source *read_fd(struct sb_arena *a, int fd, const char *display,
                                 size_t size_hint, struct sb_source_error *err)
{
	size_t cap = size_hint + 1 > 64 * 1024 ? size_hint + 1 : 64 * 1024, len = 0;
	char *buf = sb_arena_alloc(a, cap);
	if (!buf)
		return fail(err, SB_SOURCE_NO_MEMORY, 0);
	for (;;) {
		if (len == cap) {
			if (cap > SB_MAX_FILE_SIZE)
				return fail(err, SB_SOURCE_TOO_LARGE, 0);
			char *nb = sb_arena_grow(a, buf, len, cap * 2, 1);
			if (!nb)
				return fail(err, SB_SOURCE_NO_MEMORY, 0);
			buf = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return fail(err, SB_SOURCE_UNREADABLE, errno);
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	if (len > SB_MAX_FILE_SIZE)
		return fail(err, SB_SOURCE_TOO_LARGE, 0);
	if (len == cap) {   /* room for the terminating NUL */
		char *nb = sb_arena_grow(a, buf, len, cap + 1, 1);
		if (!nb)
			return fail(err, SB_SOURCE_NO_MEMORY, 0);
		buf = nb;
	}
	struct sb_source *s = make_source(a, display, buf, len);
	if (!s)
		return fail(err, SB_SOURCE_NO_MEMORY, 0);
	return s;
}

struct sb_source *sb_source_read(struct sb_arena *a, const char *path,
                                 const char *display, struct sb_source_error *err)
{
	err->status = SB_SOURCE_OK;
	err->errno_value = 0;
	if (strcmp(path, "-") == 0) {
		struct sb_source *s = read_fd(a, STDIN_FILENO, display, 0, err);
		return s;
	}
	/* O_NONBLOCK: opening a fifo without a writer would wait forever; it is
	 * refused below as not regular, and regular files ignore the flag. */
	int fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return fail(err, SB_SOURCE_NOT_FOUND, errno);
		if (errno == EISDIR)
			return fail(err, SB_SOURCE_IS_DIRECTORY, errno);
		return fail(err, SB_SOURCE_UNREADABLE, errno);
	}
	struct stat st;
	struct sb_source *s = NULL;
	if (fstat(fd, &st) != 0)
		fail(err, SB_SOURCE_UNREADABLE, errno);
	else if (S_ISDIR(st.st_mode))
		fail(err, SB_SOURCE_IS_DIRECTORY, 0);
	else if (!S_ISREG(st.st_mode))
		fail(err, SB_SOURCE_NOT_REGULAR, 0);
	else if ((uintmax_t)st.st_size > SB_MAX_FILE_SIZE)
		fail(err, SB_SOURCE_TOO_LARGE, 0);
	else
		s = read_fd(a, fd, display, (size_t)st.st_size, err);
	close(fd);
	if (s)
		s->path = sb_arena_strdup(a, path);
	return s;
}

const char *sb_source_strerror(const struct sb_source_error *err)
{
	switch (err->status) {
	case SB_SOURCE_OK:           return "no error";
	case SB_SOURCE_NOT_FOUND:    return "no such file";
	case SB_SOURCE_UNREADABLE:
		return err->errno_value ? strerror(err->errno_value) : "cannot be read";
	case SB_SOURCE_IS_DIRECTORY: return "is a directory; name the profile files to lint";
	case SB_SOURCE_NOT_REGULAR:  return "is not a regular file";
	case SB_SOURCE_TOO_LARGE:    return "is larger than the 1 GiB limit";
	case SB_SOURCE_NO_MEMORY:    return "out of memory while reading";
	}
	return "cannot be read";
}

void sb_source_linecol(const struct sb_source *s, uint32_t offset,
                       uint32_t *line, uint32_t *col)
{
	if (offset > s->len)
		offset = s->len;
	uint32_t lo = 0, hi = s->nlines;   /* find the last start <= offset */
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (s->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	*line = lo + 1;
	*col = offset - s->line_starts[lo] + 1;
}

const char *sb_source_line(const struct sb_source *s, uint32_t line, size_t *len)
{
	if (line == 0 || line > s->nlines) {
		*len = 0;
		return s->text + s->len;
	}
	uint32_t start = s->line_starts[line - 1];
	uint32_t end = line < s->nlines ? s->line_starts[line] - 1 : s->len;
	if (end > start && s->text[end - 1] == '\r')
		end--;
	*len = end - start;
	return s->text + start;
}
