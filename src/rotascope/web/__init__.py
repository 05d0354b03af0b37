"""rotascope.web."""
