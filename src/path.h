/*
 * path.h -- canonical path spelling (/tmp -> /private/tmp) and the string
 * semantics of the literal, subpath and prefix filters (reference §6.4, §6.5).
 * Pure functions on (pointer, length) pairs: paths may hold NUL bytes, and a
 * pointer may be NULL only when its length is 0.  Matching is byte-exact and
 * case-sensitive; nothing here touches the file system.
 */
#ifndef SB_PATH_H
#define SB_PATH_H

#include <stdbool.h>
#include <stddef.h>

struct sb_arena;

/* A macOS symlink into /private: {"/tmp", "/private/tmp"} ... */
struct sb_symlink { const char *link, *target; };

/*
 * The symlinked system directory that path starts with at a component
 * boundary ("/tmp", "/tmp/x"; not "/tmpfoo", "/private/tmp", "/Tmp"), or
 * NULL.  Covers /tmp, /var (so /var/folders and /var/tmp) and /etc.  The
 * result points into a static table.
 */
const struct sb_symlink *sb_path_symlinked_prefix(const char *path, size_t len);

/*
 * The canonical spelling ("/tmp/x" -> "/private/tmp/x"), allocated in a,
 * NUL-terminated, len + 8 bytes long before the terminator; NULL when path
 * is already canonical, or when out of memory (sb_arena_failed(a) tells).
 */
const char *sb_path_canonical(struct sb_arena *a, const char *path, size_t len);

/*
 * true when path names one of the symlinks itself: exactly "/tmp", "/var" or
 * "/etc", no trailing slash (a trailing slash makes the lookup follow the
 * link).  Legitimate for operations that do not follow it (lstat, readlink).
 */
bool sb_path_is_symlink_itself(const char *path, size_t len);

/*
 * true when a path filter's argument is relative: it does not start with '/'
 * and is not a pattern variable "${NAME}..." (decompiled iOS profiles use
 * "${HOME}/x").  The empty string is relative.
 */
bool sb_path_is_relative(const char *path, size_t len);

/* true for a subpath argument longer than "/" that ends in '/' (libsandbox:
 * "subpaths must not end with a slash"). */
bool sb_path_subpath_trailing_slash(const char *path, size_t len);

/*
 * Matching on canonical strings.  subpath S matches S itself and every
 * string that starts with S + "/"; (subpath "/") matches every string that
 * starts with '/'.  prefix P matches every string that starts with P, with
 * no component boundary ("/a" matches "/ab").
 */
bool sb_path_subpath_matches(const char *subpath, size_t sublen,
                             const char *path, size_t len);
bool sb_path_prefix_matches(const char *prefix, size_t plen,
                            const char *path, size_t len);

/*
 * Containment between filters: true when every string the inner (second)
 * filter matches is matched by the outer (first) one.  A subpath never
 * covers a prefix equal to it ((prefix "/a") matches "/ab"); it covers one
 * that starts with subpath + "/", and (subpath "/") covers any prefix that
 * starts with '/'.
 */
bool sb_path_subpath_covers_subpath(const char *outer, size_t olen,
                                    const char *inner, size_t ilen);
bool sb_path_prefix_covers_subpath(const char *prefix, size_t plen,
                                   const char *subpath, size_t slen);
bool sb_path_prefix_covers_prefix(const char *outer, size_t olen,
                                  const char *inner, size_t ilen);
bool sb_path_subpath_covers_prefix(const char *subpath, size_t slen,
                                   const char *prefix, size_t plen);

#endif
