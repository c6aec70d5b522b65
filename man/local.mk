# man/: rules for this area
