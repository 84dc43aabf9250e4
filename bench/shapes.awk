# shapes.awk -- adversarial profile shapes for `make bench`: each is built
# to hit a spot that was once quadratic (a pairwise comparison, a scan per
# finding).  awk -v shape=NAME -v n=N -f shapes.awk
BEGIN {
	print "(version 1)"
	print "(deny default)"
	if (shape == "deep") {           # a subpath at every level of one path, then literals below
		p = ""
		for (i = 0; i < n; i++) {
			p = p "/d"
			printf "(%s file-read* (subpath \"%s\"))\n", (i % 2 ? "allow" : "deny"), p
		}
		for (i = 0; i < n; i++)
			printf "(allow file-read* (literal \"%s/f%d\"))\n", p, i
	} else if (shape == "wide-any") { # two huge require-any repeats with an opposite rule between
		for (k = 0; k < 3; k++) {
			printf "(%s file-read* (require-any", (k == 1 ? "deny" : "allow")
			for (i = 0; i < n; i++)
				printf " (literal \"/%s/%d\")", (k == 1 ? "b" : "a"), i
			print "))"
		}
	} else if (shape == "regex") {   # many regexes and literals on one operation
		for (i = 0; i < n; i++) {
			printf "(allow file-read* (regex #\"^/r/%d/[a-z]+$\"))\n", i
			printf "(deny file-read* (literal \"/r/%d/x\"))\n", i
		}
	} else if (shape == "suppress") { # an ignore comment on every rule
		for (i = 0; i < n; i++) {
			print "; sbplc: ignore redundant-rule -- generated"
			printf "(allow file-read* (literal \"/s/%d\"))\n", i
		}
	} else if (shape == "same-span") { # one lambda makes every rule: findings share a span
		printf "(define paths (list"
		for (i = 0; i < n; i++)
			printf " \"/tmp/x%d\"", i
		print "))"
		print "(for-each (lambda (p) (allow file-read* (literal p))) paths)"
	} else if (shape == "repeats") {  # the same rule n times
		for (i = 0; i < n; i++)
			print "(allow file-read* (subpath \"/same\"))"
	} else if (shape == "one-line") { # every rule on one line
		for (i = 0; i < n; i++)
			printf "(allow file-read* (literal \"/l/%d\")) ", i
		print ""
	}
}
