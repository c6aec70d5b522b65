# auditor/: rules for this area
