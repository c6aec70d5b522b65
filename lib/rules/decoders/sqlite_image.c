#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "rules/decoders/sqlite_image.h"
#include "secure.h"

static int over_bound(void *steps)
{
	return ++*(unsigned *)steps > SQLITE_IMAGE_STEP_CHUNKS;
}

int sqlite_image_open(struct sqlite_image *im, const unsigned char *img, size_t len)
{
	memset(im, 0, sizeof *im);
	if (len < 100 || memcmp(img, "SQLite format 3", 16) != 0)
		return -1;
	if (sqlite3_open_v2(":memory:", &im->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_db_config(im->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(im->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(im->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(im->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_limit(im->db, SQLITE_LIMIT_LENGTH, 1 << 20);
	sqlite3_progress_handler(im->db, SQLITE_IMAGE_STEP_CHUNK, over_bound, &im->steps);
	/* Not handed over to SQLite (no FREEONCLOSE, not resizeable): we wipe
	 * it after the close. */
	if ((im->copy = malloc(len)) == NULL)
		goto fail;
	im->len = len;
	memcpy(im->copy, img, len);
	/* A WAL-mode header would make the in-memory open fail: the bytes at
	 * 18 and 19 (write and read version) say 2 there; 1 is rollback. */
	im->copy[18] = im->copy[19] = 1;
	if (sqlite3_deserialize(im->db, "main", im->copy, (sqlite3_int64)len, (sqlite3_int64)len,
	                        SQLITE_DESERIALIZE_READONLY) != SQLITE_OK)
		goto fail;
	return 0;
fail:
	sqlite_image_close(im);
	return -1;
}

void sqlite_image_close(struct sqlite_image *im)
{
	sqlite3_close(im->db);
	if (im->copy != NULL)
		secure_free(im->copy, im->len);
	memset(im, 0, sizeof *im);
}
