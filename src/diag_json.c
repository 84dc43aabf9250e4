/*
 * diag_json.c -- the contract's JSON document (doc/diagnostics.md), built
 * with jansson.  Strings are made valid UTF-8 first (a bad byte becomes
 * U+FFFD), so any byte in a message or path still yields valid JSON.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "diag.h"
#include "utf8.h"

#ifndef PACKAGE_VERSION
#include "config.h"
#endif

static json_t *jstr(const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);
	char *buf = malloc(n * 3 + 1);
	if (!buf)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		size_t len = sb_utf8_seq(p + i, n - i);
		if (len == 0) {
			memcpy(buf + k, "\xEF\xBF\xBD", 3);
			k += 3;
			i++;
		} else {
			memcpy(buf + k, p + i, len);
			k += len;
			i += len;
		}
	}
	json_t *j = json_stringn(buf, k);
	free(buf);
	return j;
}

/* Set key to value, taking the reference; false on any NULL. */
static bool put(json_t *obj, const char *key, json_t *value)
{
	return value && json_object_set_new(obj, key, value) == 0;
}

static bool put_span(json_t *o, const struct sb_ctx *ctx, struct sb_span sp, bool with_end)
{
	const struct sb_source *src = sb_ctx_source(ctx, sp.file);
	if (!src)   /* no location: the contract's keys are still there, as null */
		return put(o, "file", json_null()) && put(o, "line", json_null()) &&
		       put(o, "column", json_null()) &&
		       (!with_end || (put(o, "end_line", json_null()) &&
		                      put(o, "end_column", json_null())));
	uint32_t line, col, eline, ecol;
	sb_source_linecol(src, sp.start, &line, &col);
	bool ok = put(o, "file", jstr(src->name)) &&
	          put(o, "line", json_integer(line)) &&
	          put(o, "column", json_integer(col));
	if (ok && with_end) {
		sb_source_linecol(src, sp.end, &eline, &ecol);
		ok = put(o, "end_line", json_integer(eline)) &&
		     put(o, "end_column", json_integer(ecol));
	}
	return ok;
}

static json_t *diag_json(const struct sb_ctx *ctx, const struct sb_diag *d)
{
	json_t *o = json_object(), *notes = json_array(), *fixes = json_array();
	bool ok = o && notes && fixes && put_span(o, ctx, d->span, true) &&
	          put(o, "severity", json_string(sb_severity_name(d->severity))) &&
	          put(o, "rule", json_string(sb_rule_info(d->rule)->id)) &&
	          put(o, "message", jstr(d->message));
	for (size_t i = 0; ok && i < d->nnotes; i++) {
		json_t *n = json_object();
		ok = n && put_span(n, ctx, d->notes[i].span, false) &&
		     put(n, "message", jstr(d->notes[i].message)) &&
		     json_array_append_new(notes, n) == 0;
	}
	for (size_t i = 0; ok && i < d->nfixes; i++) {
		const struct sb_diag_fix *f = &d->fixes[i];
		json_t *fx = json_object(), *edits = json_array();
		ok = fx && edits && put(fx, "description", jstr(f->description));
		for (size_t k = 0; ok && k < f->nedits; k++) {
			json_t *e = json_object();
			ok = e && put_span(e, ctx, f->edits[k].span, true) &&
			     put(e, "replacement", jstr(f->edits[k].replacement)) &&
			     json_array_append_new(edits, e) == 0;
		}
		ok = ok && put(fx, "edits", edits) && json_array_append_new(fixes, fx) == 0;
		if (!ok) {
			json_decref(fx);
			json_decref(edits);
		}
	}
	if (ok && put(o, "notes", notes) && put(o, "fixes", fixes))
		return o;
	json_decref(o);
	return NULL;
}

struct entry {
	const struct sb_ctx *ctx;
	const struct sb_diag *d;
	const char *file;
	uint32_t line, col;
	size_t order;
};

static int cmp_entry(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);
	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

bool sb_diag_render_json(struct sb_ctx *const *ctxs, size_t n, FILE *out)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += ctxs[i]->ndiags;
	struct entry *v = calloc(total ? total : 1, sizeof *v);
	if (!v)
		return false;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < ctxs[i]->ndiags; j++, k++) {
			const struct sb_diag *d = ctxs[i]->diags[j];
			const struct sb_source *src = sb_ctx_source(ctxs[i], d->span.file);
			v[k].ctx = ctxs[i];
			v[k].d = d;
			v[k].file = src ? src->name : "";
			v[k].order = k;
			if (src)
				sb_source_linecol(src, d->span.start, &v[k].line, &v[k].col);
		}
	}
	qsort(v, total, sizeof *v, cmp_entry);

	json_t *doc = json_object(), *tool = json_object(), *diags = json_array();
	bool ok = doc && tool && diags &&
	          put(tool, "name", json_string("sbplc")) &&
	          put(tool, "version", json_string(PACKAGE_VERSION)) &&
	          put(doc, "version", json_integer(1));
	if (ok)
		ok = json_object_set(doc, "tool", tool) == 0;
	for (size_t i = 0; ok && i < total; i++) {
		json_t *o = diag_json(v[i].ctx, v[i].d);
		ok = o && json_array_append_new(diags, o) == 0;
	}
	ok = ok && json_object_set(doc, "diagnostics", diags) == 0;
	ok = ok && json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) == 0;
	ok = ok && fputc('\n', out) != EOF;
	json_decref(tool);
	json_decref(diags);
	json_decref(doc);
	free(v);
	return ok;
}
