/*
 * output.h -- write a file so that no run ever loses one: the bytes go to a
 * temporary file in the target's directory, are fsync'ed, and replace the
 * target with one rename().  Used by every command that writes (compile -o,
 * merge -o, fmt -i, lint --fix).  Nothing here prints.
 */
#ifndef SB_OUTPUT_H
#define SB_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

struct sb_write_error {
	int errno_value;
	const char *step;       /* what failed: "create a temporary file in", "write", ... */
	char where[256];        /* the directory or file the step worked on */
};

/*
 * Replace path with bytes[0..len).  "-" writes standard output.  An existing
 * regular target keeps its permission bits (and owner, where allowed); a
 * symbolic link is followed, so the file it names is replaced, not the link;
 * a target that is not a regular file (/dev/null, /dev/full, a fifo) is
 * written in place, since it cannot be renamed over.  On failure every
 * existing file is as it was, no temporary file is left, false is returned
 * and *err says why.
 */
bool sb_write_file_atomic(const char *path, const char *bytes, size_t len,
                          struct sb_write_error *err);

/* "cannot write 'x': No space left on device" style sentence into buf. */
const char *sb_write_strerror(const struct sb_write_error *err, char *buf, size_t size);

#endif
