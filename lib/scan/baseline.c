/* The baseline file: accepted findings, keyed by rule, fingerprint and
 * path (see baseline.h). Parsed line by line with json-c; a line that is
 * not a JSON object, or an object with a rule but no well-formed
 * fingerprint, is an error naming the line. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan/baseline.h"
#include "fingerprint.h"
#include "i18n.h"

struct bl_entry {
	struct bl_entry *next;
	uint64_t hash;
	char *rule;
	char *path; /* NULL: any path */
	char fp[FINGERPRINT_LEN];
};

struct baseline {
	struct bl_entry **slots;
	size_t nslots, n;
};

static uint64_t key_hash(const char *rule, const char *fp)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */

	for (; *rule; rule++)
		h = (h ^ (unsigned char)*rule) * 1099511628211ull;
	h = (h ^ 0xff) * 1099511628211ull;
	for (; *fp; fp++)
		h = (h ^ (unsigned char)*fp) * 1099511628211ull;
	return h;
}

static bool valid_fp(const char *s)
{
	if (strlen(s) != FINGERPRINT_LEN - 1 || strncmp(s, "sha256:", 7) != 0)
		return false;
	for (s += 7; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

static int grow(struct baseline *b)
{
	size_t n = b->nslots ? b->nslots * 2 : 64;
	struct bl_entry **slots = calloc(n, sizeof *slots);

	if (slots == NULL)
		return -ENOMEM;
	for (size_t i = 0; i < b->nslots; i++) {
		struct bl_entry *e = b->slots[i], *next;
		for (; e != NULL; e = next) {
			next = e->next;
			e->next = slots[e->hash % n];
			slots[e->hash % n] = e;
		}
	}
	free(b->slots);
	b->slots = slots;
	b->nslots = n;
	return 0;
}

static int add(struct baseline *b, const char *rule, const char *fp, const char *path)
{
	struct bl_entry *e;

	if (b->n >= b->nslots && grow(b) < 0)
		return -ENOMEM;
	e = calloc(1, sizeof *e);
	if (e == NULL)
		return -ENOMEM;
	e->rule = strdup(rule);
	e->path = path != NULL ? strdup(path) : NULL;
	if (e->rule == NULL || (path != NULL && e->path == NULL)) {
		free(e->rule);
		free(e->path);
		free(e);
		return -ENOMEM;
	}
	memcpy(e->fp, fp, FINGERPRINT_LEN);
	e->hash = key_hash(rule, fp);
	e->next = b->slots[e->hash % b->nslots];
	b->slots[e->hash % b->nslots] = e;
	b->n++;
	return 0;
}

static const char *get_str(struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* One line: 0 (added or ignored), or -EINVAL with err filled. */
static int parse_line(struct baseline *b, const char *line, size_t len, const char *name,
                      size_t lineno, char *err, size_t errlen)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *o, *secret;
	const char *rule, *fp, *path;
	int rc = 0;

	if (tok == NULL)
		return -ENOMEM;
	o = json_tokener_parse_ex(tok, line, (int)len);
	if (o == NULL || json_tokener_get_error(tok) != json_tokener_success ||
	    json_tokener_get_parse_end(tok) != len || !json_object_is_type(o, json_type_object)) {
		snprintf(err, errlen,
		         _("%s:%zu: not a JSON object; a baseline holds the lines "
		           "credaudit scan --write-baseline writes"),
		         name, lineno);
		rc = -EINVAL;
		goto out;
	}
	rule = get_str(o, "rule");
	if (rule == NULL)
		goto out; /* the coverage object, or a comment-like line */
	fp = NULL;
	if (json_object_object_get_ex(o, "secret", &secret) &&
	    json_object_is_type(secret, json_type_object))
		fp = get_str(secret, "fingerprint");
	if (fp == NULL || !valid_fp(fp) || rule[0] == '\0') {
		snprintf(err, errlen,
		         _("%s:%zu: finding without a valid secret.fingerprint; write the "
		           "baseline again with --write-baseline"),
		         name, lineno);
		rc = -EINVAL;
		goto out;
	}
	path = get_str(o, "path");
	rc = add(b, rule, fp, path);
out:
	json_object_put(o);
	json_tokener_free(tok);
	return rc;
}

int baseline_parse(struct baseline **out, const char *data, size_t len, const char *name, char *err,
                   size_t errlen)
{
	struct baseline *b = calloc(1, sizeof *b);
	size_t lineno = 0, pos = 0;
	int rc = 0;

	if (b == NULL)
		return -ENOMEM;
	if (len > BASELINE_MAX_BYTES) {
		snprintf(err, errlen, _("%s: larger than %u MiB; is it a baseline?"), name,
		         BASELINE_MAX_BYTES >> 20);
		free(b);
		return -EFBIG;
	}
	if (grow(b) < 0) {
		free(b);
		return -ENOMEM;
	}
	while (pos < len && rc == 0) {
		const char *start = data + pos, *nl = memchr(start, '\n', len - pos);
		size_t l = nl != NULL ? (size_t)(nl - start) : len - pos;
		size_t t = l;

		lineno++;
		pos += l + (nl != NULL);
		while (t > 0 &&
		       (start[t - 1] == '\r' || start[t - 1] == ' ' || start[t - 1] == '\t'))
			t--;
		if (t == 0)
			continue;
		if (memchr(start, '\0', t) != NULL) {
			snprintf(err, errlen, _("%s:%zu: NUL byte in the line; is it a baseline?"),
			         name, lineno);
			rc = -EINVAL;
			break;
		}
		rc = parse_line(b, start, t, name, lineno, err, errlen);
	}
	if (rc < 0) {
		baseline_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

int baseline_load(struct baseline **out, const char *path, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	char *data;
	size_t got = 0;
	int rc;

	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(-rc));
		return rc;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen,
		         _("%s: not a regular file; give the file --write-baseline wrote"), path);
		close(fd);
		return -EINVAL;
	}
	if ((uint64_t)st.st_size > BASELINE_MAX_BYTES) {
		snprintf(err, errlen, _("%s: larger than %u MiB; is it a baseline?"), path,
		         BASELINE_MAX_BYTES >> 20);
		close(fd);
		return -EFBIG;
	}
	data = malloc((size_t)st.st_size + 1);
	if (data == NULL) {
		close(fd);
		return -ENOMEM;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = -errno;
			snprintf(err, errlen, "%s: %s", path, strerror(-rc));
			free(data);
			close(fd);
			return rc;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	rc = baseline_parse(out, data, got, path, err, errlen);
	free(data);
	return rc;
}

bool baseline_contains(const struct baseline *b, const char *rule, const char *fp, const char *path)
{
	uint64_t h;

	if (b == NULL || b->n == 0)
		return false;
	h = key_hash(rule, fp);
	for (struct bl_entry *e = b->slots[h % b->nslots]; e != NULL; e = e->next)
		if (e->hash == h && strcmp(e->rule, rule) == 0 && strcmp(e->fp, fp) == 0 &&
		    (e->path == NULL || strcmp(e->path, path) == 0))
			return true;
	return false;
}

size_t baseline_size(const struct baseline *b)
{
	return b != NULL ? b->n : 0;
}

void baseline_free(struct baseline *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->nslots; i++) {
		struct bl_entry *e = b->slots[i], *next;
		for (; e != NULL; e = next) {
			next = e->next;
			free(e->rule);
			free(e->path);
			free(e);
		}
	}
	free(b->slots);
	free(b);
}
