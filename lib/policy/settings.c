/* Policy settings: defaults (clause 3(1)③), the configuration file, its
 * drop-in directory and PAM module arguments.
 *
 * Precedence: the main file, then FILE.d/ *.conf in strcmp order, then the
 * module arguments; each later source overrides an earlier one key by key.
 * (pam_pwquality reads its main file last, so there the main file wins; we
 * follow the usual drop-in convention instead.) A repeatable key
 * (breach_index) set in a later source replaces the whole list it inherited.
 *
 * Nothing here is ever silently weakened: an unknown key, a bad value, an
 * over-long line or an unreadable file is an error naming file:line. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dir_list.h"
#include "i18n.h"
#include "paths.h"
#include "policy/settings.h"
#include "safe_open.h"
#include "seam.h"
#include "textlines.h"

#define SOURCE_MODULE_ARGS UINT_MAX

static void set_error(struct settings_error *err, const char *file, unsigned line, const char *fmt,
                      ...) __attribute__((format(printf, 4, 5)));

static void set_error(struct settings_error *err, const char *file, unsigned line, const char *fmt,
                      ...)
{
	va_list ap;

	if (err == NULL)
		return;
	snprintf(err->file, sizeof err->file, "%s", file != NULL ? file : "");
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

const char *settings_error_format(const struct settings_error *e, const char *source, char *buf,
                                  size_t len)
{
	if (e->file[0] != '\0' && e->line > 0)
		snprintf(buf, len, "%s:%u: %s", e->file, e->line, e->msg);
	else if (e->file[0] != '\0')
		snprintf(buf, len, "%s: %s", e->file, e->msg);
	else
		snprintf(buf, len, "%s: %s", source, e->msg);
	return buf;
}

/* The default index path is not allocated, so that settings_init() cannot
 * fail; clear_indexes() knows not to free it. */
static char default_index[] = PATH_BREACH_INDEX;

void settings_init(struct policy_settings *s)
{
	memset(s, 0, sizeof *s);
	s->minlen = 12;
	s->minclass = 0;
	s->maxrepeat = 3;
	s->difok = 5;
	s->gecoscheck = true;
	s->dictcheck = true;
	s->usercheck = true;
	s->retry = 3;
	s->enforcing = true;
	s->required_classes = CLASS_ALL;
	s->keyboardcheck = true;
	s->sequencecheck = true;
	s->guess_floor = SETTINGS_DEFAULT_GUESS_FLOOR;
	s->breach_unavailable = INDEX_UNAVAILABLE_REFUSE;
	s->hook_timeout = 10;
	s->enforce_for_root = true;
	s->breach_index[0] = default_index;
	s->n_breach_index = 1;
}

static void clear_indexes(struct policy_settings *s)
{
	for (int i = 0; i < s->n_breach_index; i++) {
		if (s->breach_index[i] != default_index)
			free(s->breach_index[i]);
		s->breach_index[i] = NULL;
	}
	s->n_breach_index = 0;
}

void settings_free(struct policy_settings *s)
{
	if (s == NULL)
		return;
	free(s->badwords);
	free(s->dictpath);
	free(s->wordlist);
	free(s->hooks_dir);
	free(s->leak_ledger);
	clear_indexes(s);
	memset(s, 0, sizeof *s);
}

/* ------------------------------------------------------------------ values */

enum key_type { T_INT, T_BOOL, T_FLAG, T_STR, T_PATH, T_CLASSES, T_INDEX, T_UNAVAIL };

struct key_def {
	const char *name;
	enum key_type type;
	size_t offset;
	int min, max; /* T_INT range */
};

#define OFF(f) offsetof(struct policy_settings, f)

static const struct key_def keys[] = {
        {"minlen", T_INT, OFF(minlen), 0, 1024},
        {"minclass", T_INT, OFF(minclass), 0, 4},
        {"dcredit", T_INT, OFF(dcredit), -256, 256},
        {"ucredit", T_INT, OFF(ucredit), -256, 256},
        {"lcredit", T_INT, OFF(lcredit), -256, 256},
        {"ocredit", T_INT, OFF(ocredit), -256, 256},
        {"maxrepeat", T_INT, OFF(maxrepeat), 0, 1024},
        {"maxsequence", T_INT, OFF(maxsequence), 0, 1024},
        {"maxclassrepeat", T_INT, OFF(maxclassrepeat), 0, 1024},
        {"difok", T_INT, OFF(difok), 0, 256},
        {"gecoscheck", T_BOOL, OFF(gecoscheck), 0, 0},
        {"dictcheck", T_BOOL, OFF(dictcheck), 0, 0},
        {"usercheck", T_BOOL, OFF(usercheck), 0, 0},
        {"usersubstr", T_INT, OFF(usersubstr), 0, 256},
        {"badwords", T_STR, OFF(badwords), 0, 0},
        {"dictpath", T_PATH, OFF(dictpath), 0, 0},
        {"retry", T_INT, OFF(retry), 1, 100},
        {"enforce_for_root", T_FLAG, OFF(enforce_for_root), 0, 0},
        {"local_users_only", T_FLAG, OFF(local_users_only), 0, 0},
        {"enforcing", T_BOOL, OFF(enforcing), 0, 0},
        {"require_classes", T_CLASSES, OFF(required_classes), 0, 0},
        {"maxlen", T_INT, OFF(maxlen), 0, 512}, /* the engine's hard cap */
        {"wordlist", T_PATH, OFF(wordlist), 0, 0},
        {"keyboardcheck", T_BOOL, OFF(keyboardcheck), 0, 0},
        {"sequencecheck", T_BOOL, OFF(sequencecheck), 0, 0},
        {"guess_floor", T_INT, OFF(guess_floor), 0, 128},
        {"breach_index", T_INDEX, OFF(breach_index), 0, 0},
        {"breach_unavailable", T_UNAVAIL, OFF(breach_unavailable), 0, 0},
        {"login_check_policy", T_BOOL, OFF(login_check_policy), 0, 0},
        {"hooks_dir", T_PATH, OFF(hooks_dir), 0, 0},
        {"hook_timeout", T_INT, OFF(hook_timeout), 1, SETTINGS_HOOK_TIMEOUT_MAX},
        {"leak_ledger", T_PATH, OFF(leak_ledger), 0, 0},
};

static int parse_int(const char *v, long *out)
{
	char *end;
	long n;

	if (*v == '\0')
		return -EINVAL;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0')
		return -EINVAL;
	*out = n;
	return 0;
}

static int parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"1", "yes", "true", "on"};
	static const char *const no[] = {"0", "no", "false", "off"};
	long n;

	/* pam_pwquality's flags are integers: any non-zero one means on */
	if (parse_int(v, &n) == 0) {
		*out = n != 0;
		return 0;
	}
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -EINVAL;
}

static int parse_classes(const char *v, unsigned *out)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {
	        {"lower", CLASS_LOWER},   {"upper", CLASS_UPPER}, {"digit", CLASS_DIGIT},
	        {"symbol", CLASS_SYMBOL}, {"all", CLASS_ALL},     {"none", 0},
	};
	unsigned bits = 0;
	const char *p = v;

	if (*p == '\0')
		return -EINVAL;
	while (*p != '\0') {
		size_t n;
		bool found = false;

		while (*p == ' ' || *p == '\t')
			p++;
		n = strcspn(p, ", \t");
		if (n == 0)
			return -EINVAL;
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			if (strlen(names[i].name) == n && strncasecmp(p, names[i].name, n) == 0) {
				bits |= names[i].bit;
				found = true;
			}
		}
		if (!found)
			return -EINVAL;
		p += n;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == ',') {
			p++;
			if (*p == '\0')
				return -EINVAL;
		}
	}
	*out = bits;
	return 0;
}

/* Apply key=value (value NULL for a bare flag) from the given source. */
static int apply_kv(struct policy_settings *s, const char *key, const char *value, unsigned source,
                    const char *file, unsigned line, struct settings_error *err)
{
	const struct key_def *k = NULL;
	char *field;
	long n;
	bool b;

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (strcasecmp(key, keys[i].name) == 0)
			k = &keys[i];
	if (k == NULL) {
		set_error(err, file, line,
		          _("unknown setting '%.64s'; check the spelling or remove the line "
		            "(see credpolicy.conf(5))"),
		          key);
		return -ENOENT;
	}
	field = (char *)s + k->offset;
	if (value == NULL && k->type != T_FLAG && k->type != T_BOOL) {
		set_error(err, file, line, _("setting '%s' needs a value: write '%s = VALUE'"),
		          k->name, k->name);
		return -EINVAL;
	}

	switch (k->type) {
	case T_INT:
		if (parse_int(value, &n) != 0 || n < k->min || n > k->max) {
			set_error(err, file, line,
			          _("bad value for '%s': expected a whole number from %d to %d"),
			          k->name, k->min, k->max);
			return -EINVAL;
		}
		if (strcmp(k->name, "usersubstr") == 0 && n > 0 && n < 4) {
			set_error(err, file, line,
			          _("bad value for 'usersubstr': use 0 (off) or at least 4"));
			return -EINVAL;
		}
		*(int *)field = (int)n;
		return 0;
	case T_BOOL:
	case T_FLAG:
		if (value == NULL) {
			*(bool *)field = true;
			return 0;
		}
		if (parse_bool(value, &b) != 0) {
			set_error(err, file, line,
			          _("bad value for '%s': expected 1 or 0 (yes/no, true/false, "
			            "on/off)"),
			          k->name);
			return -EINVAL;
		}
		*(bool *)field = b;
		return 0;
	case T_CLASSES:
		if (parse_classes(value, (unsigned *)field) != 0) {
			set_error(err, file, line,
			          _("bad value for 'require_classes': expected a comma-separated "
			            "list of upper, lower, digit, symbol, or 'all' or 'none'"));
			return -EINVAL;
		}
		return 0;
	case T_UNAVAIL:
		if (strcasecmp(value, "refuse") == 0)
			s->breach_unavailable = INDEX_UNAVAILABLE_REFUSE;
		else if (strcasecmp(value, "skip") == 0)
			s->breach_unavailable = INDEX_UNAVAILABLE_SKIP;
		else {
			set_error(err, file, line,
			          _("bad value for 'breach_unavailable': expected 'refuse' or "
			            "'skip'"));
			return -EINVAL;
		}
		return 0;
	case T_STR:
	case T_PATH:
	case T_INDEX: {
		char **slot = (char **)field;
		char *copy;

		if (k->type != T_STR && value[0] != '/' &&
		    !(k->type == T_INDEX && (strcasecmp(value, "none") == 0 || *value == '\0'))) {
			set_error(err, file, line,
			          _("bad value for '%s': expected an absolute path (starting with "
			            "'/')"),
			          k->name);
			return -EINVAL;
		}
		if (k->type == T_INDEX) {
			if (s->breach_index_source != source) {
				clear_indexes(s);
				s->breach_index_source = source;
			}
			if (strcasecmp(value, "none") == 0 || *value == '\0')
				return 0;
			if (s->n_breach_index >= SETTINGS_MAX_INDEXES) {
				set_error(err, file, line,
				          _("too many 'breach_index' settings: at most %d"),
				          SETTINGS_MAX_INDEXES);
				return -EINVAL;
			}
			slot = &s->breach_index[s->n_breach_index];
		}
		copy = strdup(value);
		if (copy == NULL) {
			set_error(err, file, line, _("out of memory"));
			return -ENOMEM;
		}
		if (k->type == T_INDEX)
			s->n_breach_index++;
		else
			free(*slot);
		*slot = copy;
		return 0;
	}
	}
	return -EINVAL;
}

/* One line: "key = value", "flag", a comment or blank. line is modified. */
static int apply_line(struct policy_settings *s, char *line, unsigned source, const char *file,
                      unsigned lineno, struct settings_error *err)
{
	char *hash = strchr(line, '#');
	char *eq, *key, *value = NULL;

	if (hash != NULL)
		*hash = '\0';
	key = str_trim(line);
	if (*key == '\0')
		return 0;
	eq = strchr(key, '=');
	if (eq != NULL) {
		*eq = '\0';
		value = str_trim(eq + 1);
		key = str_trim(key);
	} else if ((eq = strpbrk(key, " \t")) != NULL) {
		/* "key value", which pam_pwquality also accepts */
		*eq = '\0';
		value = str_trim(eq + 1);
	}
	if (*key == '\0') {
		set_error(err, file, lineno,
		          _("a value without a setting name; write 'key = value'"));
		return -EINVAL;
	}
	if (strpbrk(key, " \t") != NULL) {
		set_error(err, file, lineno,
		          _("malformed line: expected 'key = value' or a bare flag"));
		return -EINVAL;
	}
	return apply_kv(s, key, value, source, file, lineno, err);
}

int settings_apply(struct policy_settings *s, const char *arg, struct settings_error *err)
{
	char buf[SETTINGS_MAX_LINE];
	size_t n = strlen(arg);

	if (n >= sizeof buf) {
		set_error(err, "", 0, _("module argument longer than %d characters"),
		          SETTINGS_MAX_LINE - 1);
		return -EINVAL;
	}
	memcpy(buf, arg, n + 1);
	if (strchr(buf, '#') != NULL || strchr(buf, '\n') != NULL) {
		set_error(err, "", 0, _("module argument '%.64s' contains '#' or a newline"), arg);
		return -EINVAL;
	}
	return apply_line(s, buf, SOURCE_MODULE_ARGS, "", 0, err);
}

int settings_parse_buffer(struct policy_settings *s, const char *name, const char *text, size_t len,
                          struct settings_error *err)
{
	char line[SETTINGS_MAX_LINE];
	unsigned lineno = 0;
	unsigned source = ++s->source_count;
	size_t pos = 0;
	int r;

	if (source == SOURCE_MODULE_ARGS)
		source = s->source_count = 1;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = (nl != NULL ? (size_t)(nl - text) : len) - pos;

		lineno++;
		if (n >= sizeof line) {
			set_error(err, name, lineno,
			          _("line is longer than %d characters; shorten it"),
			          SETTINGS_MAX_LINE - 1);
			return -EINVAL;
		}
		if (memchr(text + pos, '\0', n) != NULL) {
			set_error(err, name, lineno,
			          _("line contains a NUL byte; is this a text file?"));
			return -EINVAL;
		}
		memcpy(line, text + pos, n);
		line[n] = '\0';
		r = apply_line(s, line, source, name, lineno, err);
		if (r < 0)
			return r;
		pos += n + 1;
	}
	return 0;
}

/* ------------------------------------------------------------------ files */

/* Files that decide policy for others must be root's: always when we run
 * as root or setuid; a normal user may try a draft file of their own with
 * `credpolicy check --config`. */
static unsigned open_flags(void)
{
	if (geteuid() == 0 || getuid() != geteuid())
		return SAFE_OPEN_REQUIRE_ROOT;
	return 0;
}

static int load_file(struct policy_settings *s, const char *path, bool missing_ok,
                     struct settings_error *err)
{
	char *buf;
	size_t len;
	int r = safe_read_file(path, open_flags(), SETTINGS_MAX_FILE, &buf, &len);

	if (r == -ENOENT && missing_ok) {
		s->main_missing = true;
		return 0;
	}
	if (r == -ENOMEM) {
		set_error(err, path, 0, _("out of memory"));
		return r;
	}
	if (r < 0) {
		set_error(err, path, 0, _("cannot read the policy file: %s"),
		          safe_open_strerror(r));
		return r;
	}
	r = settings_parse_buffer(s, path, buf, len, err);
	free(buf);
	return r;
}

static bool is_conf_name(const char *n)
{
	size_t len = strlen(n);
	return n[0] != '.' && len > 5 && strcmp(n + len - 5, ".conf") == 0;
}

static int load_dropins(struct policy_settings *s, const char *dir, struct settings_error *err)
{
	char **names = NULL;
	size_t dropped = 0;
	struct stat st;
	DIR *d;
	int fd, r = 0, count;

	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		r = -errno;
		set_error(err, dir, 0, _("cannot open the drop-in directory: %s"), strerror(-r));
		return r;
	}
	if (fstat(fd, &st) != 0 || ((open_flags() & SAFE_OPEN_REQUIRE_ROOT) && !seam_any_owner() &&
	                            (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0))) {
		close(fd);
		set_error(err, dir, 0,
		          _("the drop-in directory must be owned by root and not writable by "
		            "group or others"));
		return -EPERM;
	}
	d = fdopendir(fd);
	if (d == NULL) {
		r = -errno;
		close(fd);
		set_error(err, dir, 0, _("cannot open the drop-in directory: %s"), strerror(-r));
		return r;
	}
	count = dir_list_sorted(d, is_conf_name, SETTINGS_MAX_DROPINS, &names, &dropped);
	closedir(d);
	if (count < 0) {
		set_error(err, dir, 0, _("cannot open the drop-in directory: %s"),
		          strerror(-count));
		return count;
	}
	if (dropped > 0) {
		set_error(err, dir, 0, _("more than %d drop-in files; merge some of them"),
		          SETTINGS_MAX_DROPINS);
		r = -E2BIG;
	}
	for (int i = 0; i < count && r == 0; i++) {
		char path[PATH_MAX];

		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= sizeof path) {
			set_error(err, dir, 0, _("file name too long: %.64s"), names[i]);
			r = -ENAMETOOLONG;
			break;
		}
		r = load_file(s, path, false, err);
	}
	strv_free(names);
	return r;
}

int settings_load(struct policy_settings *s, const char *path, bool missing_ok,
                  struct settings_error *err)
{
	char dir[PATH_MAX];
	int r;

	if (path == NULL)
		path = PATH_POLICY_CONF;
	if ((size_t)snprintf(dir, sizeof dir, "%s.d", path) >= sizeof dir) {
		set_error(err, path, 0, _("path too long"));
		return -ENAMETOOLONG;
	}
	r = load_file(s, path, missing_ok, err);
	if (r < 0)
		return r;
	return load_dropins(s, dir, err);
}

const char *settings_hooks_dir(const struct policy_settings *s)
{
	return s->hooks_dir != NULL ? s->hooks_dir : PATH_HOOKS_DIR;
}

const char *settings_leak_ledger(const struct policy_settings *s)
{
	return s->leak_ledger != NULL ? s->leak_ledger : PATH_LEAK_LEDGER;
}
