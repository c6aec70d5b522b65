/* JSON building blocks shared by the leak event (hook input) and the
 * ledger's records. Internal to lib/events. */
#ifndef CREDPOLICY_LEAK_JSON_H
#define CREDPOLICY_LEAK_JSON_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>

#include "events/leak_event.h"

/* Add key: text (made valid UTF-8, capped at max bytes), or null when text
 * is NULL. 0 or -ENOMEM. */
int leak_json_add_text(json_object *obj, const char *key, const char *text, size_t max);
int leak_json_add_bool(json_object *obj, const char *key, bool v);
int leak_json_add_int(json_object *obj, const char *key, long long v);

/* The event's fields (it must be stamped) into obj. 0 or -ENOMEM. */
int leak_event_to_object(const struct leak_event *ev, json_object *obj);

/* The event in obj (as leak_event_json() wrote it) into *ev, whose strings
 * point into obj. 0, or -EINVAL without user, source, id or time. */
int leak_event_from_object(json_object *obj, struct leak_event *ev);

#endif
