# tests/pam: pam_credpolicy.so through real libpam (pam_wrapper)
