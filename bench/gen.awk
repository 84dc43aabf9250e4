# gen.awk -- a profile of N rules (awk -v n=N -f bench/gen.awk), the shape
# generated agent profiles have: literals, subpaths, regexes and mach names
# over a deep tree, a few wildcard-parent rules, allows and denies mixed.
BEGIN {
	srand(1);
	print "(version 1)";
	print "(deny default)";
	split("file-read* file-read-data file-read-metadata file-write* file-write-data", ops, " ");
	for (i = 0; i < n; i++) {
		act = (i % 7 == 0) ? "deny" : "allow";
		op = ops[(i % 5) + 1];
		d1 = int(i / 1000); d2 = int(i / 10) % 100; leaf = i % 10;
		k = i % 4;
		if (k == 0)
			printf "(%s %s (literal \"/Users/me/p%d/d%d/f%d\"))\n", act, op, d1, d2, leaf;
		else if (k == 1)
			printf "(%s %s (subpath \"/Users/me/p%d/d%d\"))\n", act, op, d1, d2;
		else if (k == 2)
			printf "(%s %s (regex #\"^/Users/me/p%d/d%d/[a-z]+\\.txt$\"))\n", act, op, d1, d2;
		else
			printf "(allow mach-lookup (global-name \"com.example.service%d\"))\n", i;
	}
}
