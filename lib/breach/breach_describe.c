/* `credpolicy breach info`: the measured false-positive rate by random
 * probes, and the description as JSON. */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "breach/breach_files.h"
#include "i18n.h"

static uint64_t splitmix64(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

int breach_index_probe(const struct breach_index *ix, uint64_t probes, uint64_t *hits)
{
	/* Random keys are non-members but for the false positives we count. */
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);

	*hits = 0;
	for (uint64_t i = 0; i < probes; i++) {
		int r = breach_index_lookup_key(ix, splitmix64(&seed));
		if (r < 0)
			return -EIO;
		*hits += r == 1;
	}
	return 0;
}

static void add_int(json_object *o, const char *key, uint64_t v)
{
	json_object_object_add(o, key, json_object_new_int64((int64_t)v));
}

char *breach_info_json(const char *path, const struct breach_index_info *in, uint64_t probes,
                       uint64_t hits, const char *checks)
{
	json_object *o = json_object_new_object();
	char *s;

	if (o == NULL)
		return NULL;
	json_object_object_add(o, "index", json_object_new_string(path));
	json_object_object_add(o, "hash", json_object_new_string(breach_hash_name(in->hash)));
	add_int(o, "entries", in->entries);
	add_int(o, "records", in->records);
	add_int(o, "file_size", in->file_size);
	json_object_object_add(o, "bits_per_entry", json_object_new_double(in->bits_per_entry));
	json_object_object_add(o, "fingerprint_bits",
	                       json_object_new_int((int)in->fingerprint_bits));
	json_object_object_add(o, "remainder_bits", json_object_new_int((int)in->remainder_bits));
	json_object_object_add(o, "false_positive_rate_designed",
	                       json_object_new_double(in->false_positive_rate));
	json_object_object_add(o, "false_positive_rate_expected",
	                       json_object_new_double(in->expected_false_positive_rate));
	add_int(o, "probes", probes);
	add_int(o, "probe_hits", hits);
	json_object_object_add(o, "built", json_object_new_string(in->built));
	json_object_object_add(o, "source_digest", json_object_new_string(in->source_digest));
	json_object_object_add(o, "checksums", json_object_new_string(checks));
	s = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return s;
}

static void print_info(FILE *out, const char *path, const struct breach_index_info *in,
                       uint64_t probes, uint64_t hits, const char *checks)
{
	fprintf(out, _("index:                %s\n"), path);
	fprintf(out, _("hash:                 %s\n"), breach_hash_name(in->hash));
	fprintf(out, _("entries:              %llu (from %llu records)\n"),
	        (unsigned long long)in->entries, (unsigned long long)in->records);
	fprintf(out, _("size:                 %llu bytes, %.2f bits per entry\n"),
	        (unsigned long long)in->file_size, in->bits_per_entry);
	fprintf(out, _("fingerprint:          %u bits (%u stored per entry)\n"),
	        in->fingerprint_bits, in->remainder_bits);
	fprintf(out, _("false-positive rate:  designed %.3g, expected %.3g\n"),
	        in->false_positive_rate, in->expected_false_positive_rate);
	fprintf(out, _("measured:             %llu false positives in %llu random probes\n"),
	        (unsigned long long)hits, (unsigned long long)probes);
	fprintf(out, _("built:                %s\n"), in->built);
	fprintf(out, _("source digest:        %s\n"), in->source_digest);
	fprintf(out, _("checksums:            %s\n"), checks);
}

static void tell(breach_warn_fn warn, void *arg, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static void tell(breach_warn_fn warn, void *arg, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warn(arg, msg);
}

/* Verify (unless told not to) and probe: 0, or 2 after telling why. */
static int examine(struct breach_index *ix, const char *path, const struct breach_describe_opts *o,
                   uint64_t *hits, const char **checks, breach_warn_fn warn, void *arg)
{
	char err[512];

	*hits = 0;
	*checks = "not verified";
	if (o->verify) {
		if (breach_index_verify(ix, err, sizeof err) < 0) {
			tell(warn, arg, "%s: %s", path, err);
			*checks = "damaged";
			return 2;
		}
		*checks = "ok";
	}
	if (breach_index_probe(ix, o->probes, hits) < 0) {
		tell(warn, arg, _("%s: a block read by the probes is damaged; rebuild it"), path);
		return 2;
	}
	return 0;
}

int breach_describe(const char *path, const struct breach_describe_opts *o, FILE *out,
                    breach_warn_fn warn, void *arg)
{
	struct breach_index *ix;
	struct breach_index_info in;
	const char *checks;
	uint64_t hits;
	char err[512], *json;
	int ret;

	if (breach_index_open_flags(path, BREACH_OPEN_ANY_OWNER, &ix, err, sizeof err) < 0) {
		warn(arg, err);
		return 2;
	}
	breach_index_info(ix, &in);
	ret = examine(ix, path, o, &hits, &checks, warn, arg);
	if (!o->json) {
		print_info(out, path, &in, o->probes, hits, checks);
	} else if ((json = breach_info_json(path, &in, o->probes, hits, checks)) != NULL) {
		fprintf(out, "%s\n", json);
		free(json);
	}
	breach_index_close(ix);
	return ret;
}
