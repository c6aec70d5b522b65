# pam_module/: rules for this area
