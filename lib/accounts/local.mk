# lib/accounts: see lib/local.mk
