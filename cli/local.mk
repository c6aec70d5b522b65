# cli/: rules for this area
