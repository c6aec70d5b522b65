#include "config.h"

#include <string.h>

#include "audit/sqlite_image.h"

static int over_bound(void *steps)
{
	return ++*(unsigned *)steps > SQLITE_IMAGE_STEP_CHUNKS;
}

sqlite3 *sqlite_image_open(const unsigned char *img, size_t len, unsigned *steps)
{
	unsigned char *copy;
	sqlite3 *db = NULL;

	if (len < 100 || memcmp(img, "SQLite format 3", 16) != 0)
		return NULL;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		goto fail;
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
	sqlite3_progress_handler(db, SQLITE_IMAGE_STEP_CHUNK, over_bound, steps);
	copy = sqlite3_malloc64(len);
	if (copy == NULL)
		goto fail;
	memcpy(copy, img, len);
	/* A WAL-mode header would make the in-memory open fail: the bytes at
	 * 18 and 19 (write and read version) say 2 there; 1 is rollback. */
	copy[18] = copy[19] = 1;
	if (sqlite3_deserialize(db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
	                        SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) !=
	    SQLITE_OK)
		goto fail;
	return db;
fail:
	sqlite3_close(db);
	return NULL;
}
