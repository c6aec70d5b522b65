/* Structured log lines: "key=value key2=\"with space\"" (clause 1(6)④).
 *
 * The library formats; the faces decide where a line goes (pam_syslog in
 * the module, syslog(3) and/or stderr in the CLIs). Never pass a secret. */
#ifndef CREDPOLICY_LOGLINE_H
#define CREDPOLICY_LOGLINE_H

#include <stddef.h>

struct log_kv {
	const char *key;
	const char *value; /* NULL is written as an empty quoted string */
};

#define LOGLINE_MAX 1024

/* Format kv[0..n) into buf, quoting values that need it and escaping
 * control characters; a "time=" field in RFC 3339 is appended. The line is
 * truncated (never overflowed) if longer than len. Returns the length. */
size_t logline_format(char *buf, size_t len, const struct log_kv *kv, size_t n);

/* Send a formatted line to syslog(3) with facility LOG_AUTHPRIV under the
 * given identity (for the CLIs; the module uses pam_syslog). */
void logline_syslog(int priority, const char *ident, const char *line);

#endif
