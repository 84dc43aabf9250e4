/*
 * path.c -- canonical path spelling and literal/subpath/prefix containment.
 * Strings only: no realpath(), no file system, no case folding (a profile
 * that says "/Var" is left alone even though APFS usually ignores case).
 */
#include "path.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"

#define LINK_LEN 4u   /* every entry below is "/xxx" */

static const struct sb_symlink links[] = {
	{ "/tmp", "/private/tmp" },
	{ "/var", "/private/var" },
	{ "/etc", "/private/etc" },
};

/* s[0..slen) starts with p[0..plen); safe for NULL with a zero length. */
static bool starts_with(const char *s, size_t slen, const char *p, size_t plen)
{
	return plen <= slen && (plen == 0 || memcmp(s, p, plen) == 0);
}

static bool equal(const char *s, size_t slen, const char *p, size_t plen)
{
	return slen == plen && starts_with(s, slen, p, plen);
}

/* s starts with p + "/" */
static bool starts_below(const char *s, size_t slen, const char *p, size_t plen)
{
	return slen > plen && s[plen] == '/' && starts_with(s, slen, p, plen);
}

static bool is_root(const char *s, size_t len)
{
	return len == 1 && s[0] == '/';
}

const struct sb_symlink *sb_path_symlinked_prefix(const char *path, size_t len)
{
	if (len < LINK_LEN || (len > LINK_LEN && path[LINK_LEN] != '/'))
		return NULL;
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
		if (memcmp(path, links[i].link, LINK_LEN) == 0)
			return &links[i];
	return NULL;
}

const char *sb_path_canonical(struct sb_arena *a, const char *path, size_t len)
{
	const struct sb_symlink *l = sb_path_symlinked_prefix(path, len);
	if (l == NULL)
		return NULL;
	size_t tlen = strlen(l->target);
	size_t rest = len - LINK_LEN;
	/* on overflow ask for SIZE_MAX, which the arena refuses and records */
	size_t need = rest > SIZE_MAX - tlen - 1 ? SIZE_MAX : tlen + rest + 1;
	char *out = sb_arena_alloc(a, need);   /* zeroed, so NUL-terminated */
	if (out == NULL)
		return NULL;
	memcpy(out, l->target, tlen);
	if (rest)
		memcpy(out + tlen, path + LINK_LEN, rest);
	return out;
}

bool sb_path_is_symlink_itself(const char *path, size_t len)
{
	return len == LINK_LEN && sb_path_symlinked_prefix(path, len) != NULL;
}

bool sb_path_is_relative(const char *path, size_t len)
{
	if (len == 0)
		return true;
	if (path[0] == '/')
		return false;
	/* "${NAME}..." with a non-empty NAME is a pattern variable */
	if (len >= 4 && path[0] == '$' && path[1] == '{') {
		const char *close = memchr(path + 3, '}', len - 3);
		if (close != NULL)
			return false;
	}
	return true;
}

bool sb_path_subpath_trailing_slash(const char *path, size_t len)
{
	return len > 1 && path[len - 1] == '/';
}

bool sb_path_subpath_matches(const char *subpath, size_t sublen,
                             const char *path, size_t len)
{
	if (is_root(subpath, sublen))
		return len > 0 && path[0] == '/';
	return equal(path, len, subpath, sublen)
	    || starts_below(path, len, subpath, sublen);
}

bool sb_path_prefix_matches(const char *prefix, size_t plen,
                            const char *path, size_t len)
{
	return starts_with(path, len, prefix, plen);
}

/*
 * Every string a subpath matches starts with the subpath itself, so the
 * subpath string is the one witness to test against the outer filter.
 */
bool sb_path_subpath_covers_subpath(const char *outer, size_t olen,
                                    const char *inner, size_t ilen)
{
	return sb_path_subpath_matches(outer, olen, inner, ilen);
}

bool sb_path_prefix_covers_subpath(const char *prefix, size_t plen,
                                   const char *subpath, size_t slen)
{
	return starts_with(subpath, slen, prefix, plen);
}

bool sb_path_prefix_covers_prefix(const char *outer, size_t olen,
                                  const char *inner, size_t ilen)
{
	return starts_with(inner, ilen, outer, olen);
}

/*
 * A prefix P also matches P + "x" for any x, which a subpath S holds only
 * when P already lies strictly below S.
 */
bool sb_path_subpath_covers_prefix(const char *subpath, size_t slen,
                                   const char *prefix, size_t plen)
{
	if (is_root(subpath, slen))
		return plen > 0 && prefix[0] == '/';
	return starts_below(prefix, plen, subpath, slen);
}
