# lib/breach: the compromised-password index (clauses 3(1)③④)
noinst_HEADERS += lib/breach/breach_index.h
