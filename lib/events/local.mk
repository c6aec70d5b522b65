# lib/events: leak events and hooks (clause 3(1)④)
noinst_HEADERS += lib/events/leak_event.h
