#include "config.h"

#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "bytes.h"
#include "logline.h"
#include "timefmt.h"

static int needs_quotes(const char *v)
{
	if (*v == '\0')
		return 1;
	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;
		if (c <= ' ' || c == '"' || c == '\\' || c == '=' || c == 0x7f)
			return 1;
	}
	return 0;
}

static void put(char *buf, size_t len, size_t *pos, char c)
{
	if (*pos + 1 < len)
		buf[(*pos)++] = c;
}

static void put_str(char *buf, size_t len, size_t *pos, const char *s)
{
	for (; *s; s++)
		put(buf, len, pos, *s);
}

static void put_value(char *buf, size_t len, size_t *pos, const char *v)
{
	if (!needs_quotes(v)) {
		put_str(buf, len, pos, v);
		return;
	}
	put(buf, len, pos, '"');
	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;
		if (c == '"' || c == '\\') {
			put(buf, len, pos, '\\');
			put(buf, len, pos, (char)c);
		} else if (c < ' ' || c == 0x7f) {
			put_str(buf, len, pos, "\\x");
			put(buf, len, pos, hex_digits[0][c >> 4]);
			put(buf, len, pos, hex_digits[0][c & 15]);
		} else {
			put(buf, len, pos, (char)c);
		}
	}
	put(buf, len, pos, '"');
}

size_t logline_format(char *buf, size_t len, const struct log_kv *kv, size_t n)
{
	char now[RFC3339_LEN];
	size_t pos = 0, i;

	if (len == 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (i > 0)
			put(buf, len, &pos, ' ');
		put_str(buf, len, &pos, kv[i].key);
		put(buf, len, &pos, '=');
		put_value(buf, len, &pos, kv[i].value ? kv[i].value : "");
	}
	if (rfc3339_now(now, sizeof now) == 0) {
		put_str(buf, len, &pos, n > 0 ? " time=" : "time=");
		put_str(buf, len, &pos, now);
	}
	buf[pos] = '\0';
	return pos;
}

void logline_syslog(int priority, const char *ident, const char *line)
{
	openlog(ident, LOG_PID, LOG_AUTHPRIV);
	syslog(priority, "%s", line);
	closelog();
}
