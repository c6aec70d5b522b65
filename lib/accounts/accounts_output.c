/* The accounts inventory as JSON lines (DESIGN.md) and as text. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "accounts/accounts.h"
#include "i18n.h"
#include "text_escape.h"

#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

static json_object *cred_json(const struct acct_cred *c)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "kind", json_object_new_string(c->kind));
	text_json_add_name(o, "path", c->path);
	if (c->line > 0)
		json_object_object_add(o, "line", json_object_new_int64(c->line));
	if (c->is_finding) {
		json_object *sec = json_object_new_object();
		json_object_object_add(o, "confirmed", json_object_new_boolean(c->confirmed));
		json_object_object_add(sec, "redacted", json_object_new_string(c->redacted));
		json_object_object_add(sec, "fingerprint", json_object_new_string(c->fingerprint));
		json_object_object_add(o, "secret", sec);
	}
	return o;
}

static json_object *account_object(const struct account *a)
{
	json_object *o = json_object_new_object(), *r = json_object_new_array(),
	            *c = json_object_new_array();

	json_object_object_add(o, "account", json_object_new_string(a->name));
	json_object_object_add(o, "uid", json_object_new_int64(a->uid));
	json_object_object_add(o, "class", json_object_new_string(acct_class_name(a->cls)));
	for (int i = 0; i < R_COUNT; i++)
		if (a->reasons & ((uint64_t)1 << i))
			json_object_array_add(r, json_object_new_string(acct_reason_code(i)));
	json_object_object_add(o, "reasons", r);
	json_object_object_add(o, "hash_scheme", json_object_new_string(a->hi.scheme));
	for (size_t i = 0; i < a->ncreds; i++)
		json_object_array_add(c, cred_json(&a->creds[i]));
	json_object_object_add(o, "credentials", c);
	json_object_object_add(o, "action", json_object_new_string(a->action ? a->action : "none"));
	return o;
}

char *account_json(const struct account *a)
{
	json_object *o = account_object(a);
	char *s = strdup(json_object_to_json_string_ext(o, JSON_FLAGS));

	json_object_put(o);
	return s;
}

static json_object *source_object(const struct source_finding *f)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "finding", json_object_new_string(source_problem_code(f->kind)));
	json_object_object_add(o, "path", json_object_new_string(f->path));
	json_object_object_add(o, "line", f->line ? json_object_new_int64(f->line) : NULL);
	json_object_object_add(o, "detail", json_object_new_string(f->detail));
	return o;
}

json_object *accounts_source_json(const struct accounts_db *db)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < db->nsrc; i++)
		json_object_array_add(a, source_object(&db->src[i]));
	return a;
}

/* After the accounts: one object per source finding ("finding" instead
 * of "account"), and one saying the audit is incomplete when it is. */
static int write_source_json(const struct accounts_db *db, FILE *out)
{
	for (size_t i = 0; i < db->nsrc; i++) {
		json_object *o = source_object(&db->src[i]);
		fprintf(out, "%s\n", json_object_to_json_string_ext(o, JSON_FLAGS));
		json_object_put(o);
	}
	if (db->incomplete || db->src_dropped) {
		json_object *o = json_object_new_object();
		json_object_object_add(o, "finding", json_object_new_string("audit_incomplete"));
		json_object_object_add(o, "complete", json_object_new_boolean(!db->incomplete));
		json_object_object_add(o, "findings_not_shown",
		                       json_object_new_int64((int64_t)db->src_dropped));
		fprintf(out, "%s\n", json_object_to_json_string_ext(o, JSON_FLAGS));
		json_object_put(o);
	}
	return 0;
}

int accounts_write_json(const struct accounts_db *db, FILE *out)
{
	for (size_t i = 0; i < db->n; i++) {
		char *s = account_json(&db->v[i]);
		if (s == NULL)
			return -ENOMEM;
		fprintf(out, "%s\n", s);
		free(s);
	}
	write_source_json(db, out);
	return ferror(out) ? -EIO : 0;
}

static void write_source_text(const struct accounts_db *db, FILE *out)
{
	for (size_t i = 0; i < db->nsrc; i++) {
		const struct source_finding *f = &db->src[i];
		if (f->line)
			fprintf(out, "%s:%u: %s: %s\n", f->path, f->line,
			        source_problem_code(f->kind), f->detail);
		else
			fprintf(out, "%s: %s: %s\n", f->path, source_problem_code(f->kind),
			        f->detail);
	}
	if (db->src_dropped)
		fprintf(out, _("%zu more findings about the account files not shown\n"),
		        db->src_dropped);
	if (db->incomplete)
		fprintf(out, _("AUDIT INCOMPLETE: the sources above could not be read; accounts "
		               "or their access may be missing from this inventory\n"));
}

int accounts_write_text(const struct accounts_db *db, FILE *out)
{
	size_t counts[3] = {0, 0, 0};

	for (size_t i = 0; i < db->n; i++) {
		const struct account *a = &db->v[i];
		int first = 1;

		counts[a->cls]++;
		fprintf(out, "%s (uid %lu): %s", a->name, (unsigned long)a->uid,
		        a->cls == ACCT_HUMAN    ? _("human")
		        : a->cls == ACCT_SYSTEM ? _("system")
		                                : _("special"));
		for (int r = 0; r < R_COUNT; r++) {
			if (!(a->reasons & ((uint64_t)1 << r)))
				continue;
			fprintf(out, "%s%s", first ? " - " : ", ", acct_reason_code(r));
			first = 0;
		}
		fputc('\n', out);
		if (a->cls != ACCT_SPECIAL && a->reasons == 0)
			continue;
		fprintf(out, _("  password: %s\n"), a->hi.scheme);
		for (size_t k = 0; k < a->ncreds; k++) {
			const struct acct_cred *c = &a->creds[k];
			char *path = text_escape(c->path);
			if (c->line > 0)
				fprintf(out, _("  credential: %s %s:%ld"), c->kind,
				        path ? path : "?", c->line);
			else
				fprintf(out, _("  credential: %s %s"), c->kind, path ? path : "?");
			free(path);
			if (c->is_finding)
				fprintf(out, " %s %s%s", c->redacted, c->fingerprint,
				        c->confirmed ? _(" CONFIRMED: opens this account") : "");
			fputc('\n', out);
		}
		if (a->sudo_where)
			fprintf(out, _("  sudo: %s\n"), a->sudo_where);
		for (size_t k = 0; k < a->nruns; k++)
			fprintf(out, _("  runs: %s\n"), a->runs[k]);
		fprintf(out, _("  action: %s\n"), a->action ? a->action : "none");
	}
	write_source_text(db, out);
	fprintf(out, _("%zu accounts: %zu human, %zu system, %zu special\n"), db->n,
	        counts[ACCT_HUMAN], counts[ACCT_SYSTEM], counts[ACCT_SPECIAL]);
	return ferror(out) ? -EIO : 0;
}
