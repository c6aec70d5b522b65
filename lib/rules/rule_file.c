/* The rule-file parser: INI-like sections "[rule ID]" of "key = value"
 * lines, with here-documents for multi-line examples. Hand-written so
 * every error can name file:line and say what to do. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dir_list.h"
#include "rules/engine.h"
#include "rules/rule_set.h"
#include "i18n.h"
#include "paths.h"
#include "safe_open.h"
#include "textlines.h"

struct parser {
	struct rule_set *rs;
	const char *name;
	char *err;
	size_t errlen;
	struct rule *cur; /* rule being read, not yet in rs */
	char *example_path;
	bool have_group, have_reach;
};

static int fail(struct parser *p, int line, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int fail(struct parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (p->errlen == 0)
		return -EINVAL;
	if (line > 0)
		n = snprintf(p->err, p->errlen, "%s:%d: ", p->name, line);
	else
		n = snprintf(p->err, p->errlen, "%s: ", p->name);
	if (n < 0 || (size_t)n >= p->errlen)
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static void rule_clear(struct rule *r)
{
	free(r->id);
	free(r->description);
	free(r->category);
	free(r->clause);
	strv_free(r->keywords);
	free(r->pattern);
	free(r->path);
	strv_free(r->allowlist);
	strv_free(r->stopwords);
	free(r->each);
	free(r->decoder_name);
	for (size_t i = 0; i < r->nexamples; i++) {
		free(r->examples[i].text);
		free(r->examples[i].path);
	}
	free(r->examples);
	free(r->file);
	pcre2_code_free(r->re);
	pcre2_code_free(r->path_re);
	pcre2_code_free(r->each_re);
	for (size_t i = 0; i < r->nallowlist; i++)
		pcre2_code_free(r->allow_re ? r->allow_re[i] : NULL);
	free(r->allow_re);
	free(r->allow_code);
	memset(r, 0, sizeof *r);
}

struct rule_set *rule_set_new(void)
{
	return calloc(1, sizeof(struct rule_set));
}

void rule_set_free(struct rule_set *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->nrules; i++)
		rule_clear(&rs->rules[i]);
	free(rs->rules);
	free(rs);
}

const struct rule *rule_set_find(const struct rule_set *rs, const char *id)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return &rs->rules[i];
	return NULL;
}

static bool valid_id(const char *s)
{
	if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-' &&
		    *s != '_' && *s != '.')
			return false;
	return true;
}

/* Compile a regex for a rule, JIT-compiled unless it is the rule's pattern
 * (the engine does that when the pattern is first matched: most of a
 * scan's start-up went on the patterns of rules it never confirmed); err
 * names the line and PCRE2's complaint. */
static int compile(struct parser *p, int line, const char *what, const char *src, uint32_t options,
                   pcre2_code **out)
{
	int ec;
	PCRE2_SIZE eo;
	PCRE2_UCHAR msg[120];

	*out = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED, options, &ec, &eo, NULL);
	if (*out == NULL) {
		pcre2_get_error_message(ec, msg, sizeof msg);
		return fail(p, line,
		            _("%s does not compile at offset %zu: %s; fix the regular "
		              "expression (PCRE2 syntax)"),
		            what, (size_t)eo, (const char *)msg);
	}
	if (strcmp(what, "pattern") != 0)
		pcre2_jit_compile(*out, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
	return 0;
}

/* Split a comma-separated list, lower-casing each item. */
static int set_list(struct parser *p, int line, const char *key, char *val, char ***v, size_t *n,
                    size_t minlen)
{
	char *save = NULL, *tok;

	for (tok = strtok_r(val, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		char *t = str_trim(tok);
		size_t len = strlen(t);
		if (len < minlen || len > RULE_KEYWORD_MAX)
			return fail(p, line,
			            _("%s: '%s' must be %zu to %d characters long; use a longer "
			              "literal"),
			            key, t, minlen, RULE_KEYWORD_MAX);
		for (char *c = t; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (strv_push(v, n, t) < 0)
			return -ENOMEM;
	}
	if (*n == 0)
		return fail(p, line, _("%s is empty; list at least one item, separated by commas"),
		            key);
	return 0;
}

static int add_example(struct parser *p, int line, bool must, const char *text, size_t len)
{
	struct rule *r = p->cur;
	struct rule_example *ne, *ex;

	ne = realloc(r->examples, (r->nexamples + 1) * sizeof *ne);
	if (ne == NULL)
		return -ENOMEM;
	r->examples = ne;
	ex = &ne[r->nexamples];
	memset(ex, 0, sizeof *ex);
	ex->text = malloc(len + 1);
	if (ex->text == NULL)
		return -ENOMEM;
	memcpy(ex->text, text, len);
	ex->text[len] = '\0';
	ex->len = len;
	ex->must_match = must;
	ex->line = line;
	r->nexamples++;
	if (p->example_path != NULL && (ex->path = strdup(p->example_path)) == NULL)
		return -ENOMEM;
	return 0;
}

/* An example given in hexadecimal, for binary formats: "3082 0366 0201 03"
 * (spaces between digits are ignored). */
static int add_hex_example(struct parser *p, int line, bool must, const char *hex)
{
	size_t n = 0, cap = strlen(hex) / 2 + 1;
	unsigned char *bin = malloc(cap);
	int hi = -1, rc;

	if (bin == NULL)
		return -ENOMEM;
	for (const char *c = hex; *c != '\0'; c++) {
		int v = *c >= '0' && *c <= '9'   ? *c - '0'
		        : *c >= 'a' && *c <= 'f' ? *c - 'a' + 10
		        : *c >= 'A' && *c <= 'F' ? *c - 'A' + 10
		                                 : -1;
		if (*c == ' ' || *c == '\t')
			continue;
		if (v < 0) {
			free(bin);
			return fail(
			        p, line,
			        _("'%c' is not a hexadecimal digit; write the example's bytes as "
			          "pairs of 0-9 and a-f"),
			        *c);
		}
		if (hi < 0) {
			hi = v;
		} else {
			bin[n++] = (unsigned char)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0) {
		free(bin);
		return fail(p, line, "%s",
		            _("odd number of hexadecimal digits; write whole bytes"));
	}
	rc = add_example(p, line, must, (const char *)bin, n);
	free(bin);
	return rc;
}

static int set_once(struct parser *p, int line, const char *key, char **field, const char *val)
{
	if (*field != NULL)
		return fail(p, line, _("%s given twice in rule %s; keep one"), key, p->cur->id);
	*field = strdup(val);
	return *field == NULL ? -ENOMEM : 0;
}

static int parse_severity(const char *s, enum severity *out)
{
	static const char *const names[] = {"info", "low", "medium", "high", "critical"};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (enum severity)i;
			return 0;
		}
	return -EINVAL;
}

static int set_key(struct parser *p, int line, const char *key, char *val)
{
	struct rule *r = p->cur;
	char *end;

	if (*val == '\0' && strcmp(key, "example-path") != 0)
		return fail(p, line, _("%s has no value; write '%s = VALUE' or remove the line"),
		            key, key);
	if (strcmp(key, "description") == 0)
		return set_once(p, line, key, &r->description, val);
	if (strcmp(key, "category") == 0) {
		if (!valid_id(val))
			return fail(p, line,
			            _("category '%s' must be lower-case letters, digits and '-' "
			              "(e.g. server-config, client-store, network-device)"),
			            val);
		return set_once(p, line, key, &r->category, val);
	}
	if (strcmp(key, "clause") == 0)
		return set_once(p, line, key, &r->clause, val);
	if (strcmp(key, "severity") == 0) {
		if (parse_severity(val, &r->severity) < 0)
			return fail(p, line,
			            _("severity '%s' is unknown; use info, low, medium, high or "
			              "critical"),
			            val);
		return 0;
	}
	if (strcmp(key, "keywords") == 0) {
		if (r->nkeywords > 0)
			return fail(p, line,
			            _("keywords given twice in rule %s; list them all on one line"),
			            r->id);
		return set_list(p, line, key, val, &r->keywords, &r->nkeywords, RULE_KEYWORD_MIN);
	}
	if (strcmp(key, "stopwords") == 0)
		return set_list(p, line, key, val, &r->stopwords, &r->nstopwords, 1);
	if (strcmp(key, "pattern") == 0) {
		int rc = set_once(p, line, key, &r->pattern, val);
		if (rc < 0)
			return rc;
		return compile(p, line, "pattern", val, PCRE2_MULTILINE | PCRE2_USE_OFFSET_LIMIT,
		               &r->re);
	}
	if (strcmp(key, "path") == 0) {
		int rc = set_once(p, line, key, &r->path, val);
		if (rc < 0)
			return rc;
		return compile(p, line, "path", val, 0, &r->path_re);
	}
	if (strcmp(key, "allowlist") == 0 || strcmp(key, "code-allowlist") == 0) {
		pcre2_code **na = realloc(r->allow_re, (r->nallowlist + 1) * sizeof *na);
		bool *nc;
		if (na == NULL)
			return -ENOMEM;
		r->allow_re = na;
		na[r->nallowlist] = NULL;
		if ((nc = realloc(r->allow_code, (r->nallowlist + 1) * sizeof *nc)) == NULL)
			return -ENOMEM;
		r->allow_code = nc;
		nc[r->nallowlist] = key[0] == 'c';
		if (strv_push(&r->allowlist, &r->nallowlist, val) < 0)
			return -ENOMEM;
		return compile(p, line, key, val, 0, &r->allow_re[r->nallowlist - 1]);
	}
	if (strcmp(key, "each") == 0) {
		int rc = set_once(p, line, key, &r->each, val);
		if (rc < 0)
			return rc;
		return compile(p, line, "each", val, PCRE2_MULTILINE, &r->each_re);
	}
	if (strcmp(key, "decoder") == 0)
		return set_once(p, line, key, &r->decoder_name, val);
	if (strcmp(key, "table") == 0) {
		if (strcmp(val, "csv") != 0)
			return fail(p, line, _("table '%s': the one table format is csv"), val);
		r->table = true;
		return 0;
	}
	if (strcmp(key, "field") == 0) {
		if (strcmp(val, "one") != 0 && strcmp(val, "several") != 0 &&
		    strcmp(val, "tuple") != 0)
			return fail(p, line,
			            _("field '%s': the field is \"one\", \"several\" or \"tuple\""),
			            val);
		r->several = strcmp(val, "several") == 0;
		r->tuple = strcmp(val, "tuple") == 0;
		return 0;
	}
	if (strcmp(key, "entropy") == 0) {
		errno = 0;
		r->entropy = strtod(val, &end);
		if (errno != 0 || *end != '\0' || !(r->entropy >= 0.0 && r->entropy <= 8.0))
			return fail(p, line,
			            _("entropy '%s' must be a number of bits per byte from 0 to 8 "
			              "(e.g. 3.5)"),
			            val);
		return 0;
	}
	if (strcmp(key, "reach") == 0 && strcmp(val, "word") == 0) {
		r->reach_word = true;
		r->reach = RULE_REACH_DEFAULT;
		return 0;
	}
	if (strcmp(key, "reach") == 0 || strcmp(key, "group") == 0) {
		long v;
		long max = key[0] == 'r' ? RULE_REACH_MAX : 99;
		errno = 0;
		v = strtol(val, &end, 10);
		if (errno != 0 || *end != '\0' || v < 0 || v > max)
			return fail(p, line, _("%s '%s' must be a whole number from 0 to %ld"), key,
			            val, max);
		if (key[0] == 'r')
			r->reach = (unsigned)v;
		else
			r->group = (int)v;
		return 0;
	}
	if (strcmp(key, "enabled") == 0 || strcmp(key, "generic") == 0) {
		bool *flag = key[0] == 'e' ? &r->enabled : &r->generic;
		if (strcmp(val, "yes") == 0 || strcmp(val, "true") == 0)
			*flag = true;
		else if (strcmp(val, "no") == 0 || strcmp(val, "false") == 0)
			*flag = false;
		else
			return fail(p, line, _("%s '%s' must be yes or no"), key, val);
		return 0;
	}
	if (strcmp(key, "example") == 0 || strcmp(key, "counterexample") == 0)
		return add_example(p, line, key[0] == 'e', val, strlen(val));
	if (strcmp(key, "example-hex") == 0 || strcmp(key, "counterexample-hex") == 0)
		return add_hex_example(p, line, key[0] == 'e', val);
	if (strcmp(key, "example-path") == 0) {
		free(p->example_path);
		p->example_path = *val ? strdup(val) : NULL;
		return (*val && p->example_path == NULL) ? -ENOMEM : 0;
	}
	return fail(p, line,
	            _("unknown key '%s'; known keys: description, category, clause, severity, "
	              "keywords, pattern, path, entropy, allowlist, code-allowlist, stopwords, "
	              "each, decoder, table, field, "
	              "group, reach, enabled, generic, example, counterexample, example-hex, "
	              "counterexample-hex, example-path"),
	            key);
}

/* Check a rule that has been read completely and move it into the set. */
static int finish_rule(struct parser *p)
{
	struct rule *r = p->cur;
	uint32_t ncap = 0;
	int n;

	if (r == NULL)
		return 0;
	if (r->description == NULL || r->category == NULL || r->clause == NULL)
		return fail(p, r->line,
		            _("rule %s needs description, category and clause; add the missing "
		              "keys"),
		            r->id);
	if (r->re == NULL && r->path_re == NULL)
		return fail(p, r->line, _("rule %s has neither pattern nor path; add one"), r->id);
	if (r->table && (r->re != NULL || r->path_re == NULL))
		return fail(p, r->line,
		            _("rule %s: a table rule has a path and no pattern (its header "
		              "names the column)"),
		            r->id);
	if (r->each_re != NULL && r->re == NULL)
		return fail(p, r->line,
		            _("rule %s has 'each' but no pattern; 'each' splits what the "
		              "pattern's secret group holds"),
		            r->id);
	if (r->re != NULL && r->nkeywords == 0 && r->path_re == NULL)
		return fail(p, r->line,
		            _("rule %s has a pattern but no keywords; add 'keywords = ...' "
		              "(literals every match contains) or a 'path = ...' that limits it "
		              "to some files"),
		            r->id);
	if (r->nexamples == 0 || !r->examples[0].must_match) {
		bool any = false;
		for (size_t i = 0; i < r->nexamples; i++)
			any |= r->examples[i].must_match;
		if (!any)
			return fail(p, r->line,
			            _("rule %s has no example; add 'example = ...' with text it "
			              "must find"),
			            r->id);
	}
	if (r->re != NULL) {
		pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &ncap);
		if (p->have_group) {
			if ((uint32_t)r->group > ncap)
				return fail(p, r->line,
				            _("rule %s: group %d but the pattern has %u groups"),
				            r->id, r->group, ncap);
			r->secret_group = r->group;
		} else {
			n = pcre2_substring_number_from_name(r->re, (PCRE2_SPTR) "secret");
			r->secret_group = n > 0 ? n : (ncap >= 1 ? 1 : 0);
		}
		n = pcre2_substring_number_from_name(r->re, (PCRE2_SPTR) "account");
		r->account_group = n > 0 ? n : -1;
		n = pcre2_substring_number_from_name(r->re, (PCRE2_SPTR) "key");
		r->key_group = n > 0 ? n : -1;
	}
	if ((r->several || r->tuple) && r->key_group <= 0)
		return fail(p, r->line,
		            _("rule %s: field = %s judges the \"key\" group, which its "
		              "pattern lacks; add (?<key>...) around the field's name"),
		            r->id, r->several ? "several" : "tuple");
	if (r->decoder_name != NULL) {
		r->decoder = decoder_find(r->decoder_name);
		if (r->decoder == NULL)
			return fail(p, r->line,
			            _("rule %s names decoder '%s', which this build does not have; "
			              "run 'credaudit rules list --decoders' for the names"),
			            r->id, r->decoder_name);
	}
	if (!p->have_reach)
		r->reach = RULE_REACH_DEFAULT;

	/* A rule of the same id replaces one from an earlier file. */
	for (size_t i = 0; i < p->rs->nrules; i++) {
		struct rule *o = &p->rs->rules[i];
		if (strcmp(o->id, r->id) != 0)
			continue;
		if (strcmp(o->file, r->file) == 0)
			return fail(p, r->line,
			            _("rule %s is defined twice in this file (first at line %d); "
			              "rename one"),
			            r->id, o->line);
		rule_clear(o);
		*o = *r;
		free(r);
		p->cur = NULL;
		return 0;
	}
	if (p->rs->nrules == p->rs->cap) {
		size_t cap = p->rs->cap ? 2 * p->rs->cap : 32;
		struct rule *nr = realloc(p->rs->rules, cap * sizeof *nr);
		if (nr == NULL)
			return -ENOMEM;
		p->rs->rules = nr;
		p->rs->cap = cap;
	}
	p->rs->rules[p->rs->nrules++] = *r;
	free(r);
	p->cur = NULL;
	return 0;
}

static int start_rule(struct parser *p, int line, char *hdr)
{
	char *id;
	struct rule *r;

	if (strncmp(hdr, "rule", 4) != 0 || (hdr[4] != ' ' && hdr[4] != '\t'))
		return fail(p, line, _("section '[%s]' is unknown; rules start with '[rule ID]'"),
		            hdr);
	id = str_trim(hdr + 4);
	if (!valid_id(id))
		return fail(p, line,
		            _("rule id '%s' must be lower-case letters, digits, '-', '_' or '.'"),
		            id);
	r = calloc(1, sizeof *r);
	if (r == NULL)
		return -ENOMEM;
	p->cur = r;
	r->line = line;
	r->enabled = true;
	r->severity = SEV_HIGH;
	r->group = -1;
	r->account_group = -1;
	r->key_group = -1;
	if ((r->id = strdup(id)) == NULL || (r->file = strdup(p->name)) == NULL)
		return -ENOMEM;
	free(p->example_path);
	p->example_path = NULL;
	p->have_group = p->have_reach = false;
	return 0;
}

/* Next line of text into a NUL-terminated copy; returns false at the end. */
static bool next_line(const char **pos, const char *end, char **buf, size_t *cap)
{
	const char *s = *pos, *nl;
	size_t n;

	if (s >= end)
		return false;
	nl = memchr(s, '\n', (size_t)(end - s));
	n = nl ? (size_t)(nl - s) : (size_t)(end - s);
	if (n + 1 > *cap) {
		char *nb = realloc(*buf, n + 1);
		if (nb == NULL)
			return false;
		*buf = nb;
		*cap = n + 1;
	}
	memcpy(*buf, s, n);
	(*buf)[n] = '\0';
	*pos = nl ? nl + 1 : end;
	return true;
}

static int read_heredoc(struct parser *p, int *lineno, const char **pos, const char *end, bool must,
                        const char *tag)
{
	int start = *lineno;
	const char *body = *pos;

	while (*pos < end) {
		const char *s = *pos, *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		size_t m = n;
		(*lineno)++;
		if (m > 0 && s[m - 1] == '\r')
			m--;
		*pos = nl ? nl + 1 : end;
		if (m == strlen(tag) && memcmp(s, tag, m) == 0)
			return add_example(p, start, must, body, (size_t)(s - body));
	}
	return fail(p, start, _("here-document '<<%s' is not closed; end it with a line '%s'"), tag,
	            tag);
}

int rule_set_parse(struct rule_set *rs, const char *name, const char *text, size_t len, char *err,
                   size_t errlen)
{
	struct parser p = {.rs = rs, .name = name, .err = err, .errlen = errlen};
	const char *pos = text, *end = text + len;
	char *buf = NULL;
	size_t cap = 0;
	int lineno = 0, rc = 0;

	if (errlen > 0)
		err[0] = '\0';
	if (memchr(text, '\0', len) != NULL) {
		rc = fail(&p, 0, _("contains a NUL byte; rule files are text"));
		goto out;
	}
	while (next_line(&pos, end, &buf, &cap)) {
		char *l = str_trim(buf), *eq, *key, *val;
		lineno++;
		if (*l == '\0' || *l == '#' || *l == ';')
			continue;
		if (*l == '[') {
			size_t n = strlen(l);
			if (l[n - 1] != ']') {
				rc = fail(&p, lineno, _("section header lacks ']'"));
				goto out;
			}
			l[n - 1] = '\0';
			if ((rc = finish_rule(&p)) < 0 ||
			    (rc = start_rule(&p, lineno, str_trim(l + 1))) < 0)
				goto out;
			continue;
		}
		if (p.cur == NULL) {
			rc = fail(&p, lineno,
			          _("'%s' is outside a rule; start one with '[rule ID]'"), l);
			goto out;
		}
		/* "example <<TAG" / "counterexample <<TAG" */
		eq = strstr(l, "<<");
		if (eq != NULL && strchr(l, '=') == NULL) {
			*eq = '\0';
			key = str_trim(l);
			val = str_trim(eq + 2);
			if ((strcmp(key, "example") != 0 && strcmp(key, "counterexample") != 0) ||
			    *val == '\0') {
				rc = fail(
				        &p, lineno,
				        _("only 'example <<TAG' and 'counterexample <<TAG' take a "
				          "here-document"));
				goto out;
			}
			char tag[64];
			snprintf(tag, sizeof tag, "%s", val);
			rc = read_heredoc(&p, &lineno, &pos, end, key[0] == 'e', tag);
			if (rc < 0)
				goto out;
			continue;
		}
		eq = strchr(l, '=');
		if (eq == NULL) {
			rc = fail(&p, lineno, _("expected 'key = value', found '%s'"), l);
			goto out;
		}
		*eq = '\0';
		key = str_trim(l);
		val = str_trim(eq + 1);
		if (strcmp(key, "group") == 0)
			p.have_group = true;
		if (strcmp(key, "reach") == 0)
			p.have_reach = true;
		if ((rc = set_key(&p, lineno, key, val)) < 0)
			goto out;
	}
	rc = finish_rule(&p);
out:
	if (rc == -ENOMEM && errlen > 0)
		snprintf(err, errlen, "%s: %s", name, _("out of memory"));
	if (p.cur != NULL) {
		rule_clear(p.cur);
		free(p.cur);
	}
	free(p.example_path);
	free(buf);
	return rc;
}

static int read_file(const char *path, char **out, size_t *len, char *err, size_t errlen)
{
	int rc = safe_read_file(path, SAFE_OPEN_FOLLOW, RULE_FILE_MAX, out, len);

	if (rc == -EINVAL || rc == -EFBIG)
		snprintf(err, errlen, _("%s: not a regular file of at most %d bytes; remove it"),
		         path, RULE_FILE_MAX);
	else if (rc < 0 && rc != -ENOMEM)
		snprintf(err, errlen, _("%s: cannot open: %s"), path, strerror(-rc));
	return rc;
}

static bool is_rule_name(const char *n)
{
	size_t l = strlen(n);
	return n[0] != '.' && l >= 6 && strcmp(n + l - 5, ".rule") == 0;
}

int rule_set_load_dir(struct rule_set *rs, const char *dir, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	char **names = NULL;
	int n, rc = 0;

	if (d == NULL) {
		int e = errno;
		snprintf(err, errlen, _("%s: cannot open rule directory: %s"), dir, strerror(e));
		return -e;
	}
	n = dir_list_sorted(d, is_rule_name, 0, &names, NULL);
	closedir(d);
	if (n < 0)
		rc = n;
	for (int i = 0; i < n && rc == 0; i++) {
		char path[4096], *text = NULL;
		size_t len = 0;
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		rc = read_file(path, &text, &len, err, errlen);
		if (rc == 0)
			rc = rule_set_parse(rs, path, text, len, err, errlen);
		free(text);
	}
	if (rc == -ENOMEM)
		snprintf(err, errlen, "%s: %s", dir, _("out of memory"));
	else if (n < 0)
		snprintf(err, errlen, _("%s: cannot open rule directory: %s"), dir, strerror(-n));
	strv_free(names);
	return rc;
}

int rule_set_load(struct rule_set **out, const char *const *dirs, char *err, size_t errlen)
{
	struct rule_set *rs = rule_set_new();
	int rc = 0;

	if (rs == NULL)
		return -ENOMEM;
	for (size_t i = 0; dirs != NULL && dirs[i] != NULL && rc == 0; i++)
		rc = rule_set_load_dir(rs, dirs[i], err, errlen);
	if (rc == 0 && rs->nrules == 0) {
		snprintf(err, errlen, _("no rules found in the rule directories; check --rules"));
		rc = -ENOENT;
	}
	if (rc < 0) {
		rule_set_free(rs);
		return rc;
	}
	*out = rs;
	return 0;
}
