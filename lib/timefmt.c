#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "timefmt.h"

int rfc3339_format(time_t t, char *buf, size_t len)
{
	struct tm tm;
	long off, oh, om;
	char sign = '+';

	if (localtime_r(&t, &tm) == NULL)
		return -EINVAL;
	off = tm.tm_gmtoff;
	if (off < 0) {
		sign = '-';
		off = -off;
	}
	oh = off / 3600;
	om = (off % 3600) / 60;
	if (snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld", tm.tm_year + 1900,
	             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, sign, oh,
	             om) >= (int)len)
		return -EINVAL;
	return 0;
}

int rfc3339_now(char *buf, size_t len)
{
	return rfc3339_format(time(NULL), buf, len);
}

int rfc3339_parse(const char *s, time_t *out)
{
	struct tm tm = {0};
	int y, mo, d, h = 0, mi = 0, sec = 0, oh = 0, om = 0, n = 0;
	long off = 0;
	char sign;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -EINVAL;
	s += n;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		if (sscanf(s + 1, "%2d:%2d:%2d%n", &h, &mi, &sec, &n) != 3 || n != 8)
			return -EINVAL;
		s += 1 + n;
		if (*s == '.') /* fractions of a second are ignored */
			for (s++; *s >= '0' && *s <= '9'; s++)
				;
		sign = *s;
		if (sign == 'Z' || sign == 'z') {
			s++;
		} else if (sign == '+' || sign == '-') {
			if (sscanf(s + 1, "%2d:%2d%n", &oh, &om, &n) != 2 || n != 5 || oh > 23 ||
			    om > 59)
				return -EINVAL;
			off = (oh * 3600L + om * 60L) * (sign == '-' ? -1 : 1);
			s += 1 + n;
		} else {
			return -EINVAL;
		}
	}
	if (*s != '\0' || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 ||
	    y < 1970)
		return -EINVAL;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*out = timegm(&tm) - off;
	return 0;
}
