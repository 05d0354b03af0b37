"""rotascope.measures."""
