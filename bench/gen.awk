# gen.awk -- a profile of N rules (awk -v n=N -f bench/gen.awk) shaped like
# real ones, only longer: per project a block of rules over many operations
# (subpath, literal, regex, require-any / require-all, global-name, network,
# sysctl, preference, IPC filters) that allows a tree, denies a part of it and
# re-allows exceptions, general rules first and specific ones after, so that
# nothing is dead.  Findings are rare and deliberate: every 4,000 projects a
# repeated rule (one redundant, one shadowed finding), every 10,000 a rule a
# later deny shadows.  Deterministic: no randomness.
function rule(s) {
	if (emitted >= n)
		return;
	print s;
	emitted++;
}
BEGIN {
	print "(version 1)";
	print "(deny default)";
	split("c m py rs go swift", ext, " ");
	emitted = 0;
	rule("(allow file-read-metadata (literal \"/Users\") (literal \"/Users/me\"))");
	rule("(allow file-read* (subpath \"/System/Library\") (subpath \"/usr/lib\"))");
	rule("(allow mach-lookup (global-name \"com.apple.system.logger\"))");
	for (j = 0; emitted < n; j++) {
		g = int(j / 100);
		home = sprintf("/Users/me/Projects/g%d/p%d", g, j);
		e = ext[(j % 6) + 1];
		rule(sprintf("(allow file-read* (subpath \"%s\"))", home));
		if (j % 100 == 0)
			rule(sprintf("(allow file-read-metadata (literal \"/Users/me/Projects/g%d\"))", g));
		rule(sprintf("(allow file-write* (subpath \"%s/build\") (subpath \"%s/out\"))", home, home));
		rule(sprintf("(deny file-write* (subpath \"%s/.git\"))", home));
		rule(sprintf("(allow file-write-data (literal \"%s/.git/FETCH_HEAD\"))", home));
		rule(sprintf("(allow file-read-data (regex #\"^%s/build/[^/]+\\.o$\"))", home));
		rule(sprintf("(allow file-read-data (literal \"%s/build/Makefile\"))", home));
		rule(sprintf("(deny file-read* (require-any (literal \"%s/.env\") (subpath \"%s/secrets\")))", home, home));
		rule(sprintf("(allow file-read-data (literal \"%s/secrets/README.md\"))", home));
		rule(sprintf("(allow file-write-create (require-all (vnode-type REGULAR-FILE) (subpath \"%s/tmp\")))", home));
		rule(sprintf("(allow process-exec (literal \"%s/bin/run-%s\"))", home, e));
		rule(sprintf("(allow file-read* (regex #\"^/Users/me/Library/Caches/p%d/[0-9a-f]+/\"))", j));
		rule(sprintf("(allow mach-lookup (global-name \"com.example.p%d.agent\") (global-name \"com.example.p%d.helper\"))", j, j));
		rule(sprintf("(allow network-outbound (remote tcp \"localhost:%d\"))", 1024 + j % 60000));
		rule(sprintf("(allow sysctl-read (sysctl-name \"kern.p%d\"))", j));
		rule(sprintf("(allow user-preference-read (preference-domain \"com.example.p%d\"))", j));
		rule(sprintf("(allow ipc-posix-shm-read-data (ipc-posix-name \"p%d.shm\"))", j));
		rule(sprintf("(deny file-write-unlink (literal \"%s/build/.keep\"))", home));
		if (j % 4000 == 3999)
			rule(sprintf("(allow file-read* (subpath \"%s\"))", home));
		if (j % 10000 == 9999) {
			rule(sprintf("(allow process-exec (literal \"%s/bin/debug\"))", home));
			rule(sprintf("(deny process-exec (subpath \"%s/bin\"))", home));
		}
	}
}
