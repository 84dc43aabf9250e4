/*
 * cmd_query.c -- `sbplc query FILE OPERATION [ARGUMENT]`: what the profile
 * decides for one request, by the precedence model (src/model.h): allow, deny
 * or unknown, the deciding rule (or the built-in fallback) and the operations
 * consulted.  Exit 0 whatever the answer; 2 on bad usage or unreadable input.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "ctx.h"
#include "eval.h"
#include "lint.h"
#include "model.h"
#include "sbpl_db.h"

static const char usage[] =
"usage: sbplc query [options] FILE OPERATION [ARGUMENT]\n"
"Decide one request by the profile's rules: prints allow, deny or unknown,\n"
"the rule that decides (or the fallback) and the operations consulted.\n"
"ARGUMENT is the path (or name) the request is about.\n"
"\n"
"  --format=text|json     output format (default text)\n"
"  -D KEY=VALUE           set a profile parameter, (param \"KEY\")\n"
"  -I DIR                 search DIR for (import \"file.sb\")\n"
"  --prelude FILE         evaluate FILE before the profile\n"
"  --target=macos-VERSION use this macOS version's operation tree\n"
"  --help, --version\n"
"\n"
"Exit status: 0 answered, 2 could not answer (usage, unreadable input).\n";

static const char *decision_name(enum sb_decision d)
{
	return d == SB_DECISION_ALLOW ? "allow" : d == SB_DECISION_DENY ? "deny" : "unknown";
}

struct where { const char *file; uint32_t line, col; const char *text; int len; };

static struct where where_of(const struct sb_ctx *ctx, const struct sb_rule *r)
{
	struct where w = { "?", 0, 0, "", 0 };
	const struct sb_source *s = sb_ctx_source(ctx, r->span.file);
	if (!s)
		return w;
	w.file = s->name;
	sb_source_linecol(s, r->span.start, &w.line, &w.col);
	if (r->span.end <= s->len && r->span.start <= r->span.end) {
		w.text = s->text + r->span.start;
		w.len = (int)(r->span.end - r->span.start);
	}
	return w;
}

static void print_text(const struct sb_ctx *ctx, const struct sb_model_result *r)
{
	puts(decision_name(r->decision));
	if (r->rule) {
		struct where w = where_of(ctx, r->rule);
		printf("  rule: %s:%u:%u: %.*s\n", w.file, w.line, w.col, w.len, w.text);
		for (const struct sb_origin *o = r->rule->origin; o; o = o->up) {
			const struct sb_source *s = sb_ctx_source(ctx, o->call.file);
			uint32_t line = 0, col = 0;
			if (s)
				sb_source_linecol(s, o->call.start, &line, &col);
			printf("    from: %s:%u:%u: %s\n", s ? s->name : "?", line, col,
			       o->what ? o->what : "");
		}
	} else if (r->terminal_op) {
		enum sb_db_action a = r->decision == SB_DECISION_ALLOW ? SB_DB_ACTION_ALLOW
		                                                       : SB_DB_ACTION_DENY;
		if (r->decision == SB_DECISION_UNKNOWN)
			a = SB_DB_ACTION_NONE;
		printf("  fallback: %s %s (the built-in action of '%s'; no rule decides)\n",
		       r->terminal_op->name, a == SB_DB_ACTION_ALLOW ? "allow" : "deny",
		       r->terminal_op->name);
	}
	if (r->maybe) {
		struct where w = where_of(ctx, r->maybe);
		printf("  unknown: %s:%u:%u: %.*s may or may not apply to this request\n",
		       w.file, w.line, w.col, w.len, w.text);
	}
	fputs("  via:", stdout);
	for (size_t i = 0; i < r->nvia; i++)
		printf("%s %s", i ? " ->" : "", r->via[i]->name);
	putchar('\n');
}

static json_t *rule_json(const struct sb_ctx *ctx, const struct sb_rule *rule)
{
	if (!rule)
		return json_null();
	struct where w = where_of(ctx, rule);
	return json_pack("{s:s, s:i, s:i, s:s%}", "file", w.file, "line", (json_int_t)w.line,
	                 "column", (json_int_t)w.col, "text", w.text, (size_t)w.len);
}

static bool print_json(const struct sb_ctx *ctx, const char *op, const char *arg,
                       const struct sb_model_result *r)
{
	json_t *via = json_array();
	for (size_t i = 0; via && i < r->nvia; i++)
		json_array_append_new(via, json_string(r->via[i]->name));
	json_t *fallback = json_null();
	if (!r->rule && r->terminal_op)
		fallback = json_pack("{s:s, s:s}", "operation", r->terminal_op->name, "action",
		                     r->decision == SB_DECISION_ALLOW ? "allow" : "deny");
	json_t *doc = json_pack("{s:s, s:s?, s:s, s:o, s:o, s:o, s:o}", "operation", op,
	                        "argument", arg, "decision", decision_name(r->decision),
	                        "rule", rule_json(ctx, r->rule), "fallback", fallback,
	                        "unknown_because", rule_json(ctx, r->maybe),
	                        "via", via ? via : json_array());
	if (!doc)
		return false;
	int rc = json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	putchar('\n');
	return rc == 0;
}

int sb_cmd_query(int argc, char **argv)
{
	struct sb_cli cli;
	int done = sb_cli_start(&cli, argc, argv, usage);
	if (done >= 0)
		return done;
	int status = SB_EXIT_FAILURE;
	struct sb_ctx *ctx = NULL;
	uint32_t *prelude_ids = NULL;
	int target = 0;
	if (cli.nfiles < 2 || cli.nfiles > 3) {
		sb_cli_error("usage: sbplc query [options] FILE OPERATION [ARGUMENT]");
		goto out;
	}
	target = cli.target_version;
	const char *opname = cli.files[1], *arg = cli.nfiles > 2 ? cli.files[2] : NULL;
	const struct sb_db_op *op = sb_db_op_resolve(opname, target, NULL);
	if (!op) {
		const char *s = sb_db_suggest(SB_DB_NS_OPERATION, opname);
		sb_cli_error("unknown operation '%s'%s%s%s", opname, s ? "; did you mean '" : "",
		             s ? s : "", s ? "'?" : "");
		goto out;
	}
	ctx = sb_ctx_new();
	prelude_ids = calloc(cli.npreludes + 1, sizeof *prelude_ids);
	if (!ctx || !prelude_ids) {
		sb_cli_error("out of memory");
		goto out;
	}
	if (!sb_cli_read_preludes(ctx, &cli, prelude_ids))
		goto out;
	const char *name = strcmp(cli.files[0], "-") == 0 ? "<stdin>" : cli.files[0];
	uint32_t file = sb_cli_read_input(ctx, cli.files[0]);
	if (file == UINT32_MAX)
		goto out;
	struct sb_lint_options lopt = sb_cli_lint_options(&cli, prelude_ids);
	struct sb_lint_result res;
	struct sb_model *m = NULL;
	if (!sb_lint(ctx, file, &lopt, &res) || !res.profile ||
	    !(m = sb_model_new(ctx->arena, &res.profile->rules, target))) {
		sb_cli_error("out of memory while reading '%s'", name);
		goto out;
	}
	struct sb_model_result r;
	sb_model_decide(m, op, arg, arg ? strlen(arg) : 0, &r);
	if (cli.format == SB_FORMAT_JSON) {
		if (!print_json(ctx, op->name, arg, &r)) {
			sb_cli_error("cannot write the JSON output");
			goto out;
		}
	} else
		print_text(ctx, &r);
	status = fflush(stdout) == 0 && !ferror(stdout) ? SB_EXIT_OK : SB_EXIT_FAILURE;
	if (status != SB_EXIT_OK)
		sb_cli_error("cannot write to standard output");
out:
	if (ctx)
		sb_ctx_free(ctx);
	free(prelude_ids);
	sb_cli_free(&cli);
	return status;
}
