# lib/audit: the credential scanner (clause 3(1)⑤)
noinst_HEADERS += lib/audit/finding.h lib/audit/engine.h
