# conf/: rules for this area
