/* The leak event as the one JSON object a hook reads on stdin.
 *
 * The struct carries no password and this file adds none: only the
 * account, where the suspicion came from, a free-text detail, the host, the
 * time and the action taken. Text is made valid UTF-8 (invalid bytes become
 * U+FFFD) and capped, so a hook can parse the object with any JSON reader. */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "bytes.h"
#include "events/leak_event.h"
#include "events/leak_json.h"
#include "timefmt.h"

/* Length of the valid UTF-8 sequence starting at s (at most n bytes
 * available), or 0 if the bytes there are not one. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

char *leak_event_text(const char *s, size_t max)
{
	static const char replacement[] = "\xef\xbf\xbd";
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, o = 0;
	char *out;

	if (max < 4)
		return NULL;
	/* Each input byte becomes at most three output bytes. */
	out = malloc((n < max ? n : max) * 3 + 1);
	if (out == NULL)
		return NULL;
	while (i < n) {
		size_t len = utf8_seq_len(p + i, n - i);
		const char *src = len ? s + i : replacement;
		size_t w = len ? len : 3;

		if (o + w > max)
			break;
		memcpy(out + o, src, w);
		o += w;
		i += len ? len : 1;
	}
	out[o] = '\0';
	return out;
}

/* Add key: text (made valid UTF-8, capped), or null when text is NULL. */
int leak_json_add_text(json_object *obj, const char *key, const char *text, size_t max)
{
	json_object *v = NULL;

	if (text != NULL) {
		char *clean = leak_event_text(text, max);

		if (clean == NULL)
			return -ENOMEM;
		v = json_object_new_string(clean);
		free(clean);
		if (v == NULL)
			return -ENOMEM;
	}
	if (json_object_object_add(obj, key, v) != 0) {
		json_object_put(v);
		return -ENOMEM;
	}
	return 0;
}

int leak_event_stamp(struct leak_event *ev)
{
	if (ev->id[0] == '\0') {
		unsigned char r[(LEAK_EVENT_ID_LEN - 1) / 2];

		if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
			return -errno;
		hex_encode(r, sizeof r, ev->id);
	}
	if (ev->time[0] == '\0' && rfc3339_now(ev->time, sizeof ev->time) != 0)
		return -EINVAL;
	if (ev->host[0] == '\0') {
		if (gethostname(ev->host, sizeof ev->host) != 0)
			ev->host[0] = '\0';
		ev->host[sizeof ev->host - 1] = '\0';
	}
	return 0;
}

int leak_json_add_bool(json_object *obj, const char *key, bool v)
{
	json_object *b = json_object_new_boolean(v);

	if (b == NULL || json_object_object_add(obj, key, b) != 0) {
		json_object_put(b);
		return -ENOMEM;
	}
	return 0;
}

int leak_event_to_object(const struct leak_event *ev, json_object *obj)
{
	int err = 0;

	err |= leak_json_add_text(obj, "event", ev->event, LEAK_EVENT_FIELD_MAX);
	err |= leak_json_add_text(obj, "id", ev->id, LEAK_EVENT_FIELD_MAX);
	err |= leak_json_add_text(obj, "user", ev->user, LEAK_EVENT_FIELD_MAX);
	err |= leak_json_add_text(obj, "source", ev->source, LEAK_EVENT_FIELD_MAX);
	err |= leak_json_add_text(obj, "detail", ev->detail, LEAK_EVENT_DETAIL_MAX);
	err |= leak_json_add_text(obj, "host", ev->host, LEAK_EVENT_FIELD_MAX);
	if (ev->root != NULL)
		err |= leak_json_add_text(obj, "root", ev->root, LEAK_EVENT_DETAIL_MAX);
	err |= leak_json_add_text(obj, "time", ev->time, LEAK_EVENT_FIELD_MAX);
	err |= leak_json_add_text(obj, "action", ev->action, LEAK_EVENT_FIELD_MAX);
	err |= leak_json_add_bool(obj, "forced",
	                          ev->action != NULL &&
	                                  strcmp(ev->action, "password_change_required") == 0);
	if (ev->why_not_forced != NULL)
		err |= leak_json_add_text(obj, "why_not_forced", ev->why_not_forced,
		                          LEAK_EVENT_DETAIL_MAX);
	err |= leak_json_add_text(obj, "clause", LEAK_EVENT_CLAUSE, LEAK_EVENT_FIELD_MAX);
	return err ? -ENOMEM : 0;
}

char *leak_event_json(const struct leak_event *ev)
{
	struct leak_event stamped;
	json_object *obj;
	char *out = NULL;

	if (ev == NULL)
		return NULL;
	stamped = *ev;
	if (leak_event_stamp(&stamped) != 0)
		return NULL;
	obj = json_object_new_object();
	if (obj == NULL)
		return NULL;
	if (leak_event_to_object(&stamped, obj) == 0) {
		const char *s = json_object_to_json_string_ext(
		        obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
		if (s != NULL)
			out = strdup(s);
	}
	json_object_put(obj);
	return out;
}

int leak_json_add_int(json_object *obj, const char *key, long long v)
{
	json_object *i = json_object_new_int64(v);

	if (i == NULL || json_object_object_add(obj, key, i) != 0) {
		json_object_put(i);
		return -ENOMEM;
	}
	return 0;
}

static const char *get_text(json_object *obj, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(obj, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

int leak_event_from_object(json_object *obj, struct leak_event *ev)
{
	const char *id = get_text(obj, "id"), *time = get_text(obj, "time");
	const char *host = get_text(obj, "host");

	*ev = (struct leak_event){
	        .event = get_text(obj, "event"),
	        .user = get_text(obj, "user"),
	        .source = get_text(obj, "source"),
	        .detail = get_text(obj, "detail"),
	        .action = get_text(obj, "action"),
	        .why_not_forced = get_text(obj, "why_not_forced"),
	        .root = get_text(obj, "root"),
	        .lastchg = -1,
	};
	if (ev->user == NULL || ev->source == NULL || id == NULL || time == NULL ||
	    strlen(id) >= sizeof ev->id || strlen(time) >= sizeof ev->time)
		return -EINVAL;
	memcpy(ev->id, id, strlen(id) + 1);
	memcpy(ev->time, time, strlen(time) + 1);
	snprintf(ev->host, sizeof ev->host, "%s", host != NULL ? host : "");
	return 0;
}
