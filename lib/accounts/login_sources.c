#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <utmp.h>

#include "accounts/login_sources.h"
#include "rules/decoders/sqlite_image.h"

#define MAX_CRON 100000

static const char *const key_types[] = {"ssh-rsa",
                                        "ssh-dss",
                                        "ssh-ed25519",
                                        "ssh-ed448",
                                        "ecdsa-sha2-nistp256",
                                        "ecdsa-sha2-nistp384",
                                        "ecdsa-sha2-nistp521",
                                        "sk-ssh-ed25519@openssh.com",
                                        "sk-ecdsa-sha2-nistp256@openssh.com",
                                        "ssh-rsa-cert-v01@openssh.com",
                                        "ssh-ed25519-cert-v01@openssh.com",
                                        NULL};

static int is_key_type(const char *s, size_t n)
{
	for (const char *const *t = key_types; *t; t++)
		if (strlen(*t) == n && memcmp(*t, s, n) == 0)
			return 1;
	/* other certificate and ecdsa variants */
	return n > 6 && (memcmp(s, "ecdsa-", 6) == 0 || (n > 17 && memmem(s, n, "-cert-v01@", 10)));
}

void authorized_keys_summarize(const char *buf, size_t len, struct ak_summary *s)
{
	struct line_iter it;
	const char *l;
	size_t ll;

	memset(s, 0, sizeof *s);
	line_iter_init(&it, buf, len);
	while (line_next(&it, &l, &ll)) {
		size_t i = 0, w = 0;
		int quoted = 0, found = 0;

		while (i < ll && (l[i] == ' ' || l[i] == '\t'))
			i++;
		if (i == ll || l[i] == '#')
			continue;
		/* The key type is the first or (after options) the second word;
		 * options may hold quoted blanks. */
		while (i < ll && w < 2 && !found) {
			size_t st = i;
			while (i < ll && (quoted || (l[i] != ' ' && l[i] != '\t'))) {
				if (l[i] == '"')
					quoted = !quoted;
				i++;
			}
			if (is_key_type(l + st, i - st)) {
				found = 1;
				s->keys++;
				if (w == 1)
					s->with_options++;
			}
			while (i < ll && (l[i] == ' ' || l[i] == '\t'))
				i++;
			w++;
		}
		if (!found)
			s->unparsed++;
	}
}

static int add_cron(struct cron_list *out, const char *user, size_t ul, const char *file,
                    unsigned line)
{
	struct cron_entry *e;
	int err = array_grow((void **)&out->v, out->n, sizeof *out->v, MAX_CRON);

	if (err)
		return err;
	e = &out->v[out->n++];
	e->user = strndup(user, ul);
	e->file = strdup(file);
	e->line = line;
	return e->user && e->file ? 0 : -ENOMEM;
}

int crontab_parse(const char *buf, size_t len, const char *file, const char *owner,
                  struct cron_list *out, struct diags *d)
{
	struct line_iter it;
	const char *l;
	size_t ll;

	line_iter_init(&it, buf, len);
	while (line_next(&it, &l, &ll)) {
		size_t i = 0, st;
		int fields, err;

		while (i < ll && (l[i] == ' ' || l[i] == '\t'))
			i++;
		if (i == ll || l[i] == '#')
			continue;
		/* NAME=value sets the environment */
		st = i;
		while (i < ll && (isalnum((unsigned char)l[i]) || l[i] == '_'))
			i++;
		while (i < ll && (l[i] == ' ' || l[i] == '\t'))
			i++;
		if (i > st && i < ll && l[i] == '=')
			continue;
		if (owner != NULL) {
			if ((err = add_cron(out, owner, strlen(owner), file, it.lineno)) != 0)
				return err;
			continue;
		}
		/* skip the schedule: "@word" or five fields, then the user */
		i = st;
		fields = l[i] == '@' ? 1 : 5;
		for (int f = 0; f < fields; f++) {
			while (i < ll && l[i] != ' ' && l[i] != '\t')
				i++;
			while (i < ll && (l[i] == ' ' || l[i] == '\t'))
				i++;
		}
		st = i;
		while (i < ll && l[i] != ' ' && l[i] != '\t')
			i++;
		if (i == st || i == ll || memchr(l + st, '\0', i - st) != NULL) {
			diag_add(d, file, it.lineno,
			         "system crontab line without a user and command; ignored");
			continue;
		}
		if ((err = add_cron(out, l + st, i - st, file, it.lineno)) != 0)
			return err;
	}
	return 0;
}

void cron_list_free(struct cron_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].user);
		free(l->v[i].file);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int unit_user_parse(const char *buf, size_t len, char **user, unsigned *line)
{
	struct line_iter it;
	const char *l;
	size_t ll;
	int in_service = 0;

	*user = NULL;
	*line = 0;
	line_iter_init(&it, buf, len);
	while (line_next(&it, &l, &ll)) {
		while (ll > 0 && (*l == ' ' || *l == '\t')) {
			l++;
			ll--;
		}
		if (ll == 0 || *l == '#' || *l == ';')
			continue;
		if (*l == '[') {
			in_service = ll >= 9 && memcmp(l, "[Service]", 9) == 0;
			continue;
		}
		if (in_service && ll > 5 && memcmp(l, "User", 4) == 0) {
			size_t i = 4;
			while (i < ll && (l[i] == ' ' || l[i] == '\t'))
				i++;
			if (i >= ll || l[i] != '=')
				continue;
			free(*user);
			*user = strndup_trim(l + i + 1, ll - i - 1);
			if (*user == NULL)
				return -ENOMEM;
			if (**user == '\0') { /* "User=" resets */
				free(*user);
				*user = NULL;
			}
			*line = it.lineno;
		}
	}
	return 0;
}

int lastlog_time(int fd, uint32_t uid, long long *t)
{
	unsigned char rec[LASTLOG_RECORD_SIZE];
	int32_t tm;
	ssize_t n;

	n = pread(fd, rec, sizeof rec, (off_t)uid * LASTLOG_RECORD_SIZE);
	if (n < 0)
		return -errno;
	if ((size_t)n < sizeof rec)
		return -ENOENT;
	memcpy(&tm, rec, sizeof tm);
	*t = tm;
	return 0;
}

int wtmp_logins(int fd, login_seen_fn seen, void *ctx)
{
	struct utmp rec[64];
	unsigned char *p = (unsigned char *)rec;
	size_t have = 0;
	off_t off = 0;

	for (;;) {
		ssize_t n = pread(fd, p + have, sizeof rec - have, off);
		size_t whole;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return 0; /* a partial record at the end is ignored */
		off += n;
		have += (size_t)n;
		whole = have / sizeof rec[0];
		for (size_t i = 0; i < whole; i++) {
			char user[sizeof rec[0].ut_user + 1];
			if (rec[i].ut_type != USER_PROCESS)
				continue;
			memcpy(user, rec[i].ut_user, sizeof rec[i].ut_user);
			user[sizeof rec[i].ut_user] = '\0';
			if (user[0] != '\0')
				seen(ctx, user);
		}
		memmove(p, p + whole * sizeof rec[0], have - whole * sizeof rec[0]);
		have -= whole * sizeof rec[0];
	}
}

/* Every row of a one-column query: the user names. */
static int sqlite_logins(const unsigned char *img, size_t len, const char *sql, login_seen_fn seen,
                         void *ctx)
{
	struct sqlite_image im;
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite_image_open(&im, img, len) < 0)
		return -EINVAL;
	if (sqlite3_prepare_v2(im.db, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite_image_close(&im);
		return -EINVAL;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *user = sqlite3_column_text(st, 0);
		if (user != NULL && user[0] != '\0')
			seen(ctx, (const char *)user);
	}
	sqlite3_finalize(st);
	sqlite_image_close(&im);
	return rc == SQLITE_DONE ? 0 : -EINVAL; /* corrupt, or over the work bound */
}

int lastlog2_logins(const unsigned char *img, size_t len, login_seen_fn seen, void *ctx)
{
	return sqlite_logins(img, len, "SELECT Name FROM Lastlog2 WHERE Time > 0", seen, ctx);
}

int wtmpdb_logins(const unsigned char *img, size_t len, login_seen_fn seen, void *ctx)
{
	/* wtmpdb's types are utmp's: 3 is USER_PROCESS there, not 7 */
	return sqlite_logins(img, len, "SELECT DISTINCT User FROM wtmp WHERE Type = 3", seen, ctx);
}
