/*
 * check_output.c -- unit tests for src/output.c: a new file gets the umask's
 * mode, a replaced file keeps its mode, a symbolic link is followed, and every
 * failure (directory target, missing or unwritable directory, /dev/full)
 * leaves the old bytes and no temporary file behind.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "testutil.h"

static char dir[64];

static void setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/sbplc-output-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chmod -R u+w '%s'; rm -rf '%s'", dir, dir);
	ck_assert_int_eq(system(cmd), 0);
}

static const char *in_dir(const char *name)
{
	static char buf[160];
	snprintf(buf, sizeof buf, "%s/%s", dir, name);
	return buf;
}

static void put(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(path, mode), 0);
}

static void assert_content(const char *path, const char *want)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	ck_assert_str_eq(buf, want);
}

/* The directory holds exactly `want` entries: no temporary file left. */
static void assert_entries(const char *d, int want)
{
	DIR *dp = opendir(d);
	ck_assert_ptr_nonnull(dp);
	int n = 0;
	for (struct dirent *e; (e = readdir(dp)) != NULL;)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(dp);
	ck_assert_int_eq(n, want);
}

START_TEST(new_file_gets_umask_mode)
{
	mode_t old = umask(027);
	struct sb_write_error err;
	ck_assert(sb_write_file_atomic(in_dir("new.sb"), "(version 1)\n", 12, &err));
	umask(old);
	struct stat st;
	ck_assert_int_eq(stat(in_dir("new.sb"), &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0640);
	assert_content(in_dir("new.sb"), "(version 1)\n");
	assert_entries(dir, 1);
}
END_TEST

START_TEST(replace_keeps_mode)
{
	put(in_dir("p.sb"), "old\n", 0604);
	struct sb_write_error err;
	ck_assert(sb_write_file_atomic(in_dir("p.sb"), "new\n", 4, &err));
	struct stat st;
	ck_assert_int_eq(stat(in_dir("p.sb"), &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0604);
	assert_content(in_dir("p.sb"), "new\n");
	assert_entries(dir, 1);
}
END_TEST

START_TEST(symlink_is_followed)
{
	put(in_dir("real.sb"), "old\n", 0644);
	ck_assert_int_eq(symlink("real.sb", in_dir("link.sb")), 0);
	struct sb_write_error err;
	ck_assert(sb_write_file_atomic(in_dir("link.sb"), "new\n", 4, &err));
	struct stat st;
	ck_assert_int_eq(lstat(in_dir("link.sb"), &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	assert_content(in_dir("real.sb"), "new\n");
	assert_entries(dir, 2);
}
END_TEST

START_TEST(directory_target_fails)
{
	ck_assert_int_eq(mkdir(in_dir("d"), 0755), 0);
	struct sb_write_error err;
	ck_assert(!sb_write_file_atomic(in_dir("d"), "x", 1, &err));
	ck_assert_int_eq(err.errno_value, EISDIR);
	char buf[512];
	ck_assert_ptr_nonnull(strstr(sb_write_strerror(&err, buf, sizeof buf), "Is a directory"));
	assert_entries(dir, 1);
}
END_TEST

START_TEST(missing_directory_fails)
{
	struct sb_write_error err;
	ck_assert(!sb_write_file_atomic(in_dir("no/such/out.sb"), "x", 1, &err));
	ck_assert_int_eq(err.errno_value, ENOENT);
	assert_entries(dir, 0);
}
END_TEST

START_TEST(unwritable_directory_leaves_file)
{
	if (geteuid() == 0)
		return;  /* root writes anyway; tests/write-failures.sh covers it as nobody */
	ck_assert_int_eq(mkdir(in_dir("ro"), 0755), 0);
	put(in_dir("ro/p.sb"), "old\n", 0644);
	ck_assert_int_eq(chmod(in_dir("ro"), 0555), 0);
	struct sb_write_error err;
	ck_assert(!sb_write_file_atomic(in_dir("ro/p.sb"), "new\n", 4, &err));
	ck_assert_int_eq(err.errno_value, EACCES);
	assert_content(in_dir("ro/p.sb"), "old\n");
	assert_entries(in_dir("ro"), 1);
}
END_TEST

START_TEST(device_is_written_in_place)
{
	struct sb_write_error err;
	ck_assert(sb_write_file_atomic("/dev/null", "x", 1, &err));
	if (access("/dev/full", W_OK) != 0)
		return;  /* macOS has no /dev/full */
	ck_assert(!sb_write_file_atomic("/dev/full", "x", 1, &err));
	ck_assert_int_eq(err.errno_value, ENOSPC);
	struct stat st;
	ck_assert_int_eq(stat("/dev/full", &st), 0);
	ck_assert(S_ISCHR(st.st_mode));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("atomic");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, new_file_gets_umask_mode);
	tcase_add_test(tc, replace_keeps_mode);
	tcase_add_test(tc, symlink_is_followed);
	tcase_add_test(tc, directory_target_fails);
	tcase_add_test(tc, missing_directory_fails);
	tcase_add_test(tc, unwritable_directory_leaves_file);
	tcase_add_test(tc, device_is_written_in_place);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
