#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "paths.h"

void i18n_init(void)
{
#ifdef ENABLE_NLS
	const char *dir = PATH_LOCALE_DIR;
	const char *testing = secure_getenv("CREDPOLICY_TESTING");

	/* The test suite compiles po/ja.po into a temporary locale tree;
	 * never honoured in a setuid program (secure_getenv). */
	if (testing != NULL && strcmp(testing, "1") == 0) {
		const char *t = secure_getenv("CREDPOLICY_LOCALEDIR");
		if (t != NULL && *t != '\0')
			dir = t;
	}
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
#endif
}
