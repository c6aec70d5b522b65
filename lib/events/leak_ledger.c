/* Appending to the leak ledger and reading it back (leak_ledger.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "events/leak_json.h"
#include "events/leak_ledger.h"
#include "rootfs.h"
#include "timefmt.h"

/* ---- appending ------------------------------------------------------------ */

/* The ledger's own directory, created root-only when missing (its parent,
 * /var/lib, is the system's). */
static void make_parent(const char *path)
{
	char dir[4096];
	char *slash;

	if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
		return;
	slash = strrchr(dir, '/');
	if (slash == NULL || slash == dir)
		return;
	*slash = '\0';
	(void)mkdir(dir, 0700);
}

static int lock_bounded(int fd)
{
	for (int waited = 0; flock(fd, LOCK_EX | LOCK_NB) != 0; waited += 10) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -errno;
		if (waited >= LEAK_LEDGER_LOCK_MS)
			return -ETIMEDOUT;
		nanosleep(&(struct timespec){0, 10 * 1000000L}, NULL);
	}
	return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, buf, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

int leak_ledger_append(const char *path, const char *line)
{
	size_t len = strlen(line);
	struct stat st;
	char *buf;
	int fd, err;

	if (len == 0 || len >= LEAK_LEDGER_LINE_MAX || memchr(line, '\n', len) != NULL)
		return -EINVAL;
	buf = malloc(len + 1);
	if (buf == NULL)
		return -ENOMEM;
	memcpy(buf, line, len);
	buf[len] = '\n';
	make_parent(path);
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600);
	if (fd < 0) {
		err = -errno;
		goto out;
	}
	if (fstat(fd, &st) != 0) {
		err = -errno;
		goto out;
	}
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid()) {
		err = S_ISREG(st.st_mode) ? -EPERM : -EINVAL;
		goto out;
	}
	if ((st.st_mode & 077) != 0 && fchmod(fd, 0600) != 0) {
		err = -errno;
		goto out;
	}
	err = lock_bounded(fd);
	if (err == 0) {
		/* One write: with O_APPEND the kernel places it at the end. */
		err = write_all(fd, buf, len + 1);
		if (err == 0 && fsync(fd) != 0)
			err = -errno;
		(void)flock(fd, LOCK_UN);
	}
out:
	if (fd >= 0)
		close(fd);
	free(buf);
	return err;
}

static int append_object(const char *path, json_object *obj)
{
	const char *s = json_object_to_json_string_ext(obj, JSON_C_TO_STRING_PLAIN |
	                                                            JSON_C_TO_STRING_NOSLASHESCAPE);

	return s != NULL ? leak_ledger_append(path, s) : -ENOMEM;
}

static json_object *new_record(const char *type, const char *id, const char *time)
{
	json_object *obj = json_object_new_object();

	if (obj == NULL)
		return NULL;
	if (leak_json_add_text(obj, "type", type, 16) != 0 ||
	    leak_json_add_text(obj, "id", id, LEAK_EVENT_ID_LEN) != 0 ||
	    leak_json_add_text(obj, "time", time, LEAK_TIME_LEN) != 0) {
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

int leak_ledger_append_event(const char *path, const struct leak_event *ev, const char *hooks_state)
{
	json_object *obj = json_object_new_object();
	int err;

	if (obj == NULL)
		return -ENOMEM;
	err = leak_json_add_text(obj, "type", "event", 16);
	if (err == 0)
		err = leak_event_to_object(ev, obj);
	if (err == 0 && ev->lastchg >= 0)
		err = leak_json_add_int(obj, "lastchg", ev->lastchg);
	if (err == 0)
		err = leak_json_add_text(obj, "hooks", hooks_state, 16);
	if (err == 0)
		err = append_object(path, obj);
	json_object_put(obj);
	return err;
}

static int add_hook(json_object *arr, const struct leak_hook_result *h)
{
	json_object *o = json_object_new_object();
	int err = 0;

	if (o == NULL)
		return -ENOMEM;
	err |= leak_json_add_text(o, "name", h->name, sizeof h->name);
	err |= leak_json_add_text(o, "result", h->result, sizeof h->result);
	err |= leak_json_add_int(o, "status", h->status);
	err |= leak_json_add_int(o, "duration_ms", h->duration_ms);
	err |= leak_json_add_text(o, "output", h->output, sizeof h->output);
	err |= leak_json_add_bool(o, "output_cut", h->output_cut);
	if (err != 0 || json_object_array_add(arr, o) != 0) {
		json_object_put(o);
		return -ENOMEM;
	}
	return 0;
}

int leak_ledger_append_hooks(const char *path, const struct leak_event *ev,
                             const struct leak_hook_results *res, int hooks_rc)
{
	char now[RFC3339_LEN];
	json_object *obj, *arr;
	int err = 0;

	if (rfc3339_now(now, sizeof now) != 0)
		return -EINVAL;
	obj = new_record("hooks", ev->id, now);
	if (obj == NULL)
		return -ENOMEM;
	arr = json_object_new_array();
	if (arr == NULL || json_object_object_add(obj, "hooks", arr) != 0) {
		json_object_put(arr);
		json_object_put(obj);
		return -ENOMEM;
	}
	/* A line stays under LEAK_LEDGER_LINE_MAX: at most 32 hooks in detail. */
	for (size_t i = 0; res != NULL && i < res->n && i < 32 && err == 0; i++)
		err = add_hook(arr, &res->v[i]);
	if (err == 0 && hooks_rc >= 0)
		err = leak_json_add_int(obj, "failed", hooks_rc);
	else if (err == 0)
		err = leak_json_add_text(obj, "error", strerror(-hooks_rc), 128);
	if (err == 0)
		err = append_object(path, obj);
	json_object_put(obj);
	return err;
}

int leak_ledger_append_dismiss(const char *path, const char *id, const char *reason)
{
	char now[RFC3339_LEN], uid[32];
	const char *sudo_user = secure_getenv("SUDO_USER");
	json_object *obj;
	int err;

	if (rfc3339_now(now, sizeof now) != 0)
		return -EINVAL;
	obj = new_record("dismiss", id, now);
	if (obj == NULL)
		return -ENOMEM;
	snprintf(uid, sizeof uid, "%u", (unsigned)getuid());
	err = leak_json_add_text(obj, "reason", reason, LEAK_EVENT_DETAIL_MAX);
	if (err == 0)
		err = leak_json_add_text(obj, "by_uid", uid, sizeof uid);
	if (err == 0 && sudo_user != NULL)
		err = leak_json_add_text(obj, "sudo_user", sudo_user, LEAK_EVENT_FIELD_MAX);
	if (err == 0)
		err = append_object(path, obj);
	json_object_put(obj);
	return err;
}

/* ---- reading ------------------------------------------------------------- */

const char *leak_field(json_object *rec, const char *key)
{
	json_object *v;

	if (rec == NULL || !json_object_object_get_ex(rec, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static bool valid_id(const char *id)
{
	size_t n = 0;

	if (id == NULL)
		return false;
	for (; id[n] != '\0'; n++)
		if (!((id[n] >= '0' && id[n] <= '9') || (id[n] >= 'a' && id[n] <= 'f')))
			return false;
	return n == LEAK_EVENT_ID_LEN - 1;
}

/* Events by id: open addressing over indexes + 1 (0 = free slot), at
 * most half full, so a ledger of many events reads in linear time. */
static unsigned long long id_key(const char *id)
{
	return strtoull(id, NULL, 16);
}

static size_t *slot_of(const struct leak_ledger *l, unsigned long long key)
{
	size_t mask = l->n_slots - 1, i = (size_t)(key * 0x9e3779b97f4a7c15ULL) & mask;

	while (l->slots[i] != 0 && l->v[l->slots[i] - 1].key != key)
		i = (i + 1) & mask;
	return &l->slots[i];
}

static struct leak_entry *find_exact(const struct leak_ledger *l, const char *id)
{
	size_t *slot;

	if (l->n_slots == 0)
		return NULL;
	slot = slot_of(l, id_key(id));
	return *slot != 0 ? &l->v[*slot - 1] : NULL;
}

static int index_grow(struct leak_ledger *l)
{
	size_t n = l->n_slots ? l->n_slots * 2 : 256;
	size_t *old = l->slots;

	l->slots = calloc(n, sizeof *l->slots);
	if (l->slots == NULL) {
		l->slots = old;
		return -ENOMEM;
	}
	free(old);
	l->n_slots = n;
	for (size_t i = 0; i < l->n; i++)
		*slot_of(l, l->v[i].key) = i + 1;
	return 0;
}

struct leak_entry *leak_ledger_find(const struct leak_ledger *l, const char *id, bool *ambiguous)
{
	struct leak_entry *hit = NULL;
	size_t len = strlen(id);

	*ambiguous = false;
	if (len < 4)
		return NULL;
	for (size_t i = 0; i < l->n; i++) {
		if (strncmp(leak_field(l->v[i].event, "id"), id, len) != 0)
			continue;
		if (hit != NULL) {
			*ambiguous = true;
			return NULL;
		}
		hit = &l->v[i];
	}
	return hit;
}

/* Take the record in obj (consumed). Returns NULL, or why it was skipped. */
static const char *take_record(struct leak_ledger *l, json_object *obj, unsigned long line)
{
	const char *type = leak_field(obj, "type"), *id = leak_field(obj, "id");
	struct leak_entry *e;
	time_t when;

	if (type == NULL || !valid_id(id))
		return "no record type or no valid id";
	if (strcmp(type, "event") == 0) {
		const char *t = leak_field(obj, "time");

		if (leak_field(obj, "user") == NULL || leak_field(obj, "source") == NULL)
			return "event without user or source";
		if (t == NULL || rfc3339_parse(t, &when) != 0)
			return "event without a valid RFC 3339 time";
		if (find_exact(l, id) != NULL)
			return "event id seen before";
		if (l->n >= LEAK_LEDGER_EVENTS_MAX) {
			l->truncated = true;
			return "too many events: rotate the ledger";
		}
		if (l->n == l->cap) {
			size_t nc = l->cap ? l->cap * 2 : 64;
			struct leak_entry *nv = realloc(l->v, nc * sizeof *nv);

			if (nv == NULL)
				return "out of memory";
			l->v = nv;
			l->cap = nc;
		}
		if ((l->n + 1) * 2 > l->n_slots && index_grow(l) != 0)
			return "out of memory";
		l->v[l->n] = (struct leak_entry){
		        .event = obj, .when = when, .line = line, .key = id_key(id)};
		*slot_of(l, id_key(id)) = ++l->n;
		return NULL;
	}
	e = find_exact(l, id);
	if (e == NULL)
		return "refers to an event not in the ledger";
	if (strcmp(type, "hooks") == 0) {
		json_object_put(e->hooks);
		e->hooks = obj;
	} else if (strcmp(type, "dismiss") == 0) {
		if (leak_field(obj, "reason") == NULL)
			return "dismissal without a reason";
		if (e->dismiss != NULL)
			return "event dismissed before";
		e->dismiss = obj;
	} else {
		return "unknown record type";
	}
	return NULL;
}

static void parse_line(struct leak_ledger *l, const char *s, size_t len, unsigned long line,
                       leak_ledger_warn_fn warn, void *ctx)
{
	json_tokener *tok;
	json_object *obj;
	const char *why = NULL;

	if (len >= LEAK_LEDGER_LINE_MAX) {
		why = "line too long";
	} else if (memchr(s, '\0', len) != NULL) {
		why = "NUL byte in the line";
	} else if ((tok = json_tokener_new()) == NULL) {
		why = "out of memory";
	} else {
		obj = json_tokener_parse_ex(tok, s, (int)len);
		if (obj == NULL || json_tokener_get_error(tok) != json_tokener_success ||
		    json_tokener_get_parse_end(tok) != len) {
			why = "not one JSON object";
		} else if (!json_object_is_type(obj, json_type_object)) {
			why = "not a JSON object";
		} else {
			why = take_record(l, obj, line);
			if (why == NULL)
				obj = NULL; /* kept */
		}
		json_object_put(obj);
		json_tokener_free(tok);
	}
	if (why != NULL) {
		l->bad_lines++;
		if (warn != NULL)
			warn(ctx, line, why);
	}
}

int leak_ledger_parse(struct leak_ledger *l, const char *buf, size_t len, leak_ledger_warn_fn warn,
                      void *ctx)
{
	unsigned long line = 0;
	size_t pos = 0;

	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t end = nl != NULL ? (size_t)(nl - buf) : len;

		line++;
		if (end > pos) /* blank lines (a copytruncate seam) are not records */
			parse_line(l, buf + pos, end - pos, line, warn, ctx);
		pos = end + 1;
	}
	return 0;
}

int leak_ledger_read(const char *path, struct leak_ledger *l, leak_ledger_warn_fn warn, void *ctx)
{
	struct rootfs fs;
	size_t len = 0;
	char *buf = NULL;
	int err;

	/* "/" as the root: an absolute path is taken as it is. */
	err = rootfs_open(&fs, path[0] == '/' ? "/" : ".");
	if (err != 0)
		return err;
	err = rootfs_read(&fs, path, LEAK_LEDGER_FILE_MAX, &buf, &len, NULL);
	rootfs_close(&fs);
	if (err == -ENOENT)
		return 0; /* nothing reported yet */
	if (err == 0)
		err = leak_ledger_parse(l, buf, len, warn, ctx);
	free(buf);
	return err;
}

void leak_ledger_free(struct leak_ledger *l)
{
	for (size_t i = 0; i < l->n; i++) {
		json_object_put(l->v[i].event);
		json_object_put(l->v[i].hooks);
		json_object_put(l->v[i].dismiss);
	}
	free(l->v);
	free(l->slots);
	*l = (struct leak_ledger){0};
}
