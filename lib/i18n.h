/* gettext for the library: always our own text domain, because the PAM
 * module runs inside programs (passwd, sshd) whose domain is not ours. */
#ifndef CREDPOLICY_I18N_H
#define CREDPOLICY_I18N_H

#include "config.h"

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) dgettext(PACKAGE, (s))
#else
#define _(s) (s)
#endif
#define N_(s) (s)

/* Bind our text domain once (idempotent, thread-safe enough for PAM). */
void i18n_init(void);

#endif
