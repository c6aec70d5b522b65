/* Grafana API keys ("eyJrIjoi..."): base64 of {"k":"<key>","n":"<name>",
 * "id":<org>}. Other services encode JSON that starts the same way (a
 * Power BI report link's {"k":"<uuid>","t":"<tenant>","c":<n>}); when
 * the field after the key can be read and is not Grafana's "n", the
 * value is another service's identifier, not a Grafana key. Service
 * account and Cloud tokens (glsa_, glc_) carry no JSON and are kept. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "i18n.h"
#include "rules/decoders/decode_util.h"
#include "secure.h"

#define GRAFANA_JSON    "{\"k\":\""
#define GRAFANA_ENC     "eyJrIjoi" /* base64 of GRAFANA_JSON */
#define GRAFANA_ENC_MAX 400

static int grafana_decode(const unsigned char *in, size_t len, struct decoded *out)
{
	unsigned char clear[GRAFANA_ENC_MAX];
	const unsigned char *q;
	size_t enc = 0, k = sizeof GRAFANA_JSON - 1;
	ssize_t n;
	bool other = false;

	decoded_wipe(out);
	trim_value(&in, &len);
	if (len < sizeof GRAFANA_ENC - 1 || memcmp(in, GRAFANA_ENC, sizeof GRAFANA_ENC - 1) != 0)
		return decoded_verdict(out, SEVERITY_KEEP, "grafana-token",
		                       _("Grafana service-account or Cloud token"));
	/* the whole groups of four letters before any padding */
	while (enc < len && enc < GRAFANA_ENC_MAX && in[enc] != '=')
		enc++;
	enc -= enc % 4;
	n = base64_decode_buf(in, enc, clear, sizeof clear);
	if (n > (ssize_t)k && (q = memchr(clear + k, '"', (size_t)n - k)) != NULL) {
		size_t at = (size_t)(q - clear);
		/* after the key: ',"' and a one-letter field name, then '"' */
		other = at + 4 < (size_t)n && q[1] == ',' && q[2] == '"' && q[4] == '"' &&
		        q[3] != 'n';
	}
	secure_wipe(clear, sizeof clear);
	if (other)
		return decoded_reject(out);
	return decoded_verdict(out, SEVERITY_KEEP, "grafana-api-key",
	                       _("Grafana API key (base64 JSON of the key, its name and org)"));
}

const struct decoder decoder_grafana = {
        "grafana-key", grafana_decode,
        N_("Grafana API keys: tells them from other services' base64 JSON")};
