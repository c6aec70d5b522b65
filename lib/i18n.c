#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "paths.h"
#include "seam.h"

void i18n_init(void)
{
#ifdef ENABLE_NLS
	/* The suite's builds may read the catalogue it compiles from po/. */
	const char *dir = seam_locale_dir();

	bindtextdomain(PACKAGE, dir != NULL ? dir : PATH_LOCALE_DIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
#endif
}
