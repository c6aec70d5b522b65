#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpamtest.h>

#include "pamtest_util.h"

static const char *runtime_dir, *module, *real_module, *matrix, *set_items, *work_dir, *index_good,
        *index_bad;

static const char *need_env(const char *name)
{
	const char *v = getenv(name);

	if (v == NULL || *v == '\0') {
		fprintf(stderr, "%s is not set: run through tests/pam/*.sh (make check)\n", name);
		exit(77);
	}
	return v;
}

void pt_init(void)
{
	/* pam_wrapper exports this only when it is preloaded and enabled. */
	runtime_dir = need_env("PAM_WRAPPER_RUNTIME_DIR");
	module = need_env("CREDPOLICY_PAM_MODULE");
	real_module = need_env("CREDPOLICY_PAM_MODULE_REAL");
	matrix = need_env("PAM_MATRIX_MODULE");
	set_items = need_env("PAM_SET_ITEMS_MODULE");
	work_dir = need_env("CREDPOLICY_TEST_DIR");
	index_good = need_env("CREDPOLICY_TEST_INDEX");
	index_bad = need_env("CREDPOLICY_TEST_BAD_INDEX");
	setenv("CREDPOLICY_TESTING", "1", 1);
	/* pam_matrix wipes PAM_OLDAUTHTOK in place after checking it, so
	 * pam_set_items (first in every password stack) restores it. */
	setenv("PAM_OLDAUTHTOK", PT_OLD_PASSWORD, 1);
	pt_locale_english();
}

const char *pt_dir(void)
{
	return work_dir;
}

const char *pt_index(bool good)
{
	return good ? index_good : index_bad;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
		exit(99);
	}
}

/* Replace every @KEY@ in text; keys and values come in pairs. */
static char *expand(const char *text, const char *const *kv)
{
	size_t cap = strlen(text) * 2 + 4096, n = 0;
	char *out = malloc(cap);
	const char *p = text;

	while (out != NULL && *p) {
		size_t i, vlen = 0;
		const char *val = NULL;

		for (i = 0; *p == '@' && kv[i] != NULL; i += 2) {
			size_t klen = strlen(kv[i]);
			if (strncmp(p + 1, kv[i], klen) == 0 && p[klen + 1] == '@') {
				val = kv[i + 1];
				vlen = strlen(val);
				p += klen + 2;
				break;
			}
		}
		if (n + vlen + 2 > cap) {
			fprintf(stderr, "service text too long\n");
			exit(99);
		}
		if (val != NULL) {
			memcpy(out + n, val, vlen);
			n += vlen;
		} else {
			out[n++] = *p++;
		}
	}
	if (out == NULL)
		exit(99);
	out[n] = '\0';
	return out;
}

void pt_service_text(const char *svc, const char *user, const char *conf_text, const char *text)
{
	char passdb[4096], conf[4096], path[4096], line[512];
	const char *kv[] = {"MODULE", module,      "REAL_MODULE", real_module, "MATRIX",
	                    matrix,   "SET_ITEMS", set_items,     "CONF",      conf,
	                    "PASSDB", passdb,      NULL};
	char *body;

	snprintf(passdb, sizeof passdb, "%s/passdb-%s", work_dir, svc);
	snprintf(conf, sizeof conf, "%s/%s.conf", work_dir, svc);
	snprintf(line, sizeof line, "%s:%s:%s\n", user, PT_OLD_PASSWORD, svc);
	write_file(passdb, line);
	if (conf_text != NULL && strstr(conf_text, "breach_index") == NULL) {
		/* The default policy names the installed breach index, which a
		 * test run does not have: a test that names none opts out. */
		char *with = malloc(strlen(conf_text) + 32);

		if (with == NULL)
			exit(99);
		sprintf(with, "%sbreach_index = none\n", conf_text);
		write_file(conf, with);
		free(with);
	} else if (conf_text != NULL) {
		write_file(conf, conf_text);
	}
	body = expand(text, kv);
	snprintf(path, sizeof path, "%s/%s", runtime_dir, svc);
	write_file(path, body);
	free(body);
}

void pt_service(const char *svc, const char *user, const char *conf_text, const char *args)
{
	char text[2048];

	snprintf(text, sizeof text,
	         "auth required @MATRIX@ passdb=@PASSDB@\n"
	         "account required @MATRIX@ passdb=@PASSDB@\n"
	         "password required @SET_ITEMS@\n"
	         "password requisite @MODULE@ conf=@CONF@ %s\n"
	         "password required @MATRIX@ passdb=@PASSDB@\n",
	         args != NULL ? args : "");
	pt_service_text(svc, user, conf_text, text);
}

/* stderr goes to a file for the duration of one PAM transaction. */
struct capture {
	int saved;
	char path[4096];
};

static void capture_start(struct capture *c)
{
	int fd;

	snprintf(c->path, sizeof c->path, "%s/stderr.XXXXXX", work_dir);
	fd = mkstemp(c->path);
	fflush(stderr);
	c->saved = dup(2);
	if (fd < 0 || c->saved < 0 || dup2(fd, 2) < 0)
		exit(99);
	close(fd);
}

static char *capture_end(struct capture *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	fflush(stderr);
	dup2(c->saved, 2);
	close(c->saved);
	f = fopen(c->path, "r");
	if (f == NULL || getdelim(&buf, &len, '\0', f) < 0) {
		free(buf);
		buf = strdup("");
	}
	if (f != NULL)
		fclose(f);
	unlink(c->path);
	/* Keep a copy on the real stderr: the test script scans it too. */
	fputs(buf, stderr);
	return buf;
}

static int run(const char *svc, const char *user, const char *const *input, struct pam_testcase *tc,
               size_t ntc, struct pt_result *r)
{
	const char *in[PT_MAX_MSGS + 1] = {NULL};
	char *err[PT_MAX_MSGS + 1] = {NULL}, *info[PT_MAX_MSGS + 1] = {NULL};
	struct pamtest_conv_data conv = {
	        .in_echo_off = in, .in_echo_on = in, .out_err = err, .out_info = info};
	struct capture cap;
	size_t i;

	memset(r, 0, sizeof *r);
	/* libpamtest does not bound its indexes: every slot is valid memory
	 * and the inputs are padded with NULLs. */
	for (i = 0; input != NULL && input[i] != NULL && i < PT_MAX_MSGS; i++)
		in[i] = input[i];
	for (i = 0; i < PT_MAX_MSGS; i++) {
		err[i] = r->err[i];
		info[i] = r->info[i];
	}
	capture_start(&cap);
	(void)_pamtest(svc, user, &conv, tc, ntc, NULL);
	r->log = capture_end(&cap);
	for (i = 0; i < PT_MAX_MSGS; i++) {
		r->err[i][PAM_MAX_MSG_SIZE - 1] = '\0';
		r->info[i][PAM_MAX_MSG_SIZE - 1] = '\0';
	}
	return 0;
}

int pt_chauthtok(const char *svc, const char *user, int flags, const char *const *input,
                 struct pt_result *r)
{
	struct pam_testcase tc[] = {pam_test_flags(PAMTEST_CHAUTHTOK, PAM_SUCCESS, flags)};

	run(svc, user, input, tc, 1, r);
	r->rv = tc[0].op_rv;
	return r->rv;
}

int pt_login(const char *svc, const char *user, const char *password, int *auth_rv,
             struct pt_result *r)
{
	const char *input[] = {password, NULL};
	struct pam_testcase tc[] = {pam_test(PAMTEST_AUTHENTICATE, PAM_SUCCESS),
	                            pam_test(PAMTEST_ACCOUNT, PAM_SUCCESS)};

	tc[1].op_rv = -1;
	run(svc, user, input, tc, 2, r);
	*auth_rv = tc[0].op_rv;
	r->rv = tc[1].op_rv;
	return r->rv;
}

const char *pt_shipped_args(const char *file, const char *tag, char *buf, size_t len)
{
	const char *top = getenv("top_srcdir");
	char path[4096], line[1024];
	bool in_tag = false, found = false;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", top != NULL ? top : ".", file);
	f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(99);
	}
	while (!found && fgets(line, sizeof line, f) != NULL) {
		const char *mod = strstr(line, "pam_credpolicy.so");

		/* pam-configs: "Tag:" then indented module lines; pam.d: the
		 * tag is the line's first word. */
		if (strncmp(line, tag, strlen(tag)) == 0)
			in_tag = true;
		else if (line[0] != '\t' && line[0] != ' ')
			in_tag = false;
		if (in_tag && mod != NULL && line[0] != '#') {
			snprintf(buf, len, "%s", mod + strlen("pam_credpolicy.so"));
			buf[strcspn(buf, "\n")] = '\0';
			found = true;
		}
	}
	fclose(f);
	if (!found) {
		fprintf(stderr, "%s: no pam_credpolicy.so line under %s\n", path, tag);
		exit(99);
	}
	return buf;
}

void pt_result_free(struct pt_result *r)
{
	free(r->log);
	r->log = NULL;
}

int pt_count_err(const struct pt_result *r, const char *prefix)
{
	int i, n = 0;

	for (i = 0; i < PT_MAX_MSGS; i++)
		if (r->err[i][0] != '\0' && strncmp(r->err[i], prefix, strlen(prefix)) == 0)
			n++;
	return n;
}

int pt_log_lines(const struct pt_result *r, ...)
{
	const char *line = r->log, *end;
	int n = 0;

	for (; line != NULL && *line; line = *end ? end + 1 : end) {
		const char *needle;
		bool all = true;
		va_list ap;

		end = strchrnul(line, '\n');
		va_start(ap, r);
		while (all && (needle = va_arg(ap, const char *)) != NULL) {
			const char *hit =
			        memmem(line, (size_t)(end - line), needle, strlen(needle));
			all = hit != NULL;
		}
		va_end(ap);
		if (all)
			n++;
	}
	return n;
}

bool pt_mentions(const struct pt_result *r, const char *needle)
{
	int i;

	if (r->log != NULL && strstr(r->log, needle) != NULL)
		return true;
	for (i = 0; i < PT_MAX_MSGS; i++)
		if (strstr(r->err[i], needle) != NULL || strstr(r->info[i], needle) != NULL)
			return true;
	return false;
}

void pt_locale_english(void)
{
	unsetenv("LANGUAGE");
	setenv("LC_ALL", "C", 1);
	setlocale(LC_ALL, "");
}

void pt_locale_japanese(void)
{
	/* No ja_JP locale is needed: gettext honours LANGUAGE under any
	 * locale but "C", and C.UTF-8 always exists. */
	setenv("LANGUAGE", "ja", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setlocale(LC_ALL, "");
}
