"""rotascope.store."""
