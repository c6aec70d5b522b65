/* The leak event as the one JSON object a hook reads on stdin.
 *
 * The struct carries no password and this file adds none: only the
 * account, where the suspicion came from, a free-text detail, the host, the
 * time and the action taken. Text is made valid UTF-8 (invalid bytes become
 * U+FFFD) and capped, so a hook can parse the object with any JSON reader. */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "events/leak_event.h"
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
static int add_text(json_object *obj, const char *key, const char *text, size_t max)
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

char *leak_event_json(const struct leak_event *ev)
{
	char host[256], now[RFC3339_LEN];
	json_object *obj;
	char *out = NULL;
	int err = 0;

	if (ev == NULL)
		return NULL;
	if (gethostname(host, sizeof host) != 0)
		host[0] = '\0';
	host[sizeof host - 1] = '\0';
	if (rfc3339_now(now, sizeof now) != 0)
		return NULL;
	obj = json_object_new_object();
	if (obj == NULL)
		return NULL;
	err |= add_text(obj, "event", ev->event, LEAK_EVENT_FIELD_MAX);
	err |= add_text(obj, "user", ev->user, LEAK_EVENT_FIELD_MAX);
	err |= add_text(obj, "source", ev->source, LEAK_EVENT_FIELD_MAX);
	err |= add_text(obj, "detail", ev->detail, LEAK_EVENT_DETAIL_MAX);
	err |= add_text(obj, "host", host, LEAK_EVENT_FIELD_MAX);
	err |= add_text(obj, "time", now, LEAK_EVENT_FIELD_MAX);
	err |= add_text(obj, "action", ev->action, LEAK_EVENT_FIELD_MAX);
	err |= add_text(obj, "clause", LEAK_EVENT_CLAUSE, LEAK_EVENT_FIELD_MAX);
	if (err == 0) {
		const char *s = json_object_to_json_string_ext(
		        obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);
		if (s != NULL)
			out = strdup(s);
	}
	json_object_put(obj);
	return out;
}
