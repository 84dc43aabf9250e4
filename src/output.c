/*
 * output.c -- atomic file replacement (output.h).  The temporary file lives in
 * the target's directory because rename() is atomic only within one file
 * system; it is created O_EXCL with mode 0666 so the umask applies to a new
 * file exactly as it would to one the shell creates.
 */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700

#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static bool fail(struct sb_write_error *err, const char *step, const char *where, int e)
{
	err->errno_value = e;
	err->step = step;
	size_t n = strlen(where);
	if (n >= sizeof err->where)
		n = sizeof err->where - 1;  /* a message, not a path to open */
	memcpy(err->where, where, n);
	err->where[n] = '\0';
	return false;
}

static bool write_all(int fd, const char *bytes, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, bytes, len > (1u << 30) ? (1u << 30) : len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		bytes += n;
		len -= (size_t)n;
	}
	return true;
}

/* Standard output, a device or a fifo: they cannot be renamed over. */
static bool write_in_place(int fd, const char *name, const char *bytes, size_t len,
                           struct sb_write_error *err)
{
	if (!write_all(fd, bytes, len))
		return fail(err, "write", name, errno);
	return true;
}

/* Directory part of path ("." when it has none) and the file name. */
static void split_path(const char *path, char *dir, size_t dsize, const char **base)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		snprintf(dir, dsize, ".");
		*base = path;
	} else if (slash == path) {
		snprintf(dir, dsize, "/");
		*base = slash + 1;
	} else {
		snprintf(dir, dsize, "%.*s", (int)(slash - path), path);
		*base = slash + 1;
	}
}

/* Create ".NAME.sbplc-XXXXXX" beside the target; O_EXCL, so never an existing file. */
static int create_temp(const char *dir, const char *base, char *tmp, size_t size)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	unsigned long seed = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16);
	for (int attempt = 0; attempt < 100; attempt++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		int n = snprintf(tmp, size, "%s/.%s.sbplc-%06lx", dir, base,
		                 (seed >> 20) & 0xffffffUL);
		if (n < 0 || (size_t)n >= size) {
			errno = ENAMETOOLONG;
			return -1;
		}
		int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

/* Make the data and the new directory entry durable; a failing directory
 * fsync (some file systems refuse it) does not undo the rename. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

bool sb_write_file_atomic(const char *path, const char *bytes, size_t len,
                          struct sb_write_error *err)
{
	memset(err, 0, sizeof *err);
	if (strcmp(path, "-") == 0)
		return write_in_place(STDOUT_FILENO, "<stdout>", bytes, len, err);

	/* Follow a symbolic link so that the file it names is replaced. */
	char resolved[PATH_MAX];
	struct stat st;
	bool exists = true;
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT)
			return fail(err, "inspect", path, errno);
		exists = false;
	} else if (S_ISLNK(st.st_mode)) {
		if (!realpath(path, resolved))
			return fail(err, "resolve the symbolic link", path, errno);
		path = resolved;
		if (stat(path, &st) != 0)
			return fail(err, "inspect", path, errno);
	}
	if (exists && S_ISDIR(st.st_mode))
		return fail(err, "replace", path, EISDIR);
	if (exists && !S_ISREG(st.st_mode)) {
		int fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0)
			return fail(err, "open", path, errno);
		bool ok = write_in_place(fd, path, bytes, len, err);
		if (close(fd) != 0 && ok)
			return fail(err, "write", path, errno);
		return ok;
	}

	char dir[PATH_MAX], tmp[PATH_MAX];
	const char *base;
	split_path(path, dir, sizeof dir, &base);
	int fd = create_temp(dir, base, tmp, sizeof tmp);
	if (fd < 0)
		return fail(err, "create a temporary file in", dir, errno);
	int e = 0;
	const char *step = NULL;
	/* Owner first (best effort, root only): chown may clear set-id bits. */
	if (exists && (st.st_uid != geteuid() || st.st_gid != getegid()))
		(void)!fchown(fd, st.st_uid, st.st_gid);
	if (exists && fchmod(fd, st.st_mode & 07777) != 0) {
		e = errno;
		step = "set the permissions of";
	} else if (!write_all(fd, bytes, len)) {
		e = errno;
		step = "write";
	} else if (fsync(fd) != 0) {
		e = errno;
		step = "write";
	}
	if (close(fd) != 0 && !step) {
		e = errno;
		step = "write";
	}
	if (!step && rename(tmp, path) != 0) {
		e = errno;
		step = "replace";
	}
	if (step) {
		unlink(tmp);
		return fail(err, step, path, e);
	}
	sync_dir(dir);
	return true;
}

const char *sb_write_strerror(const struct sb_write_error *err, char *buf, size_t size)
{
	snprintf(buf, size, "cannot %s '%s': %s", err->step ? err->step : "write",
	         err->where, strerror(err->errno_value));
	return buf;
}
