"""rotascope.sources."""
