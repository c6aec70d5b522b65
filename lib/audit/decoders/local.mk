# lib/audit/decoders: formats a regex cannot judge
noinst_HEADERS += lib/audit/decoder.h
