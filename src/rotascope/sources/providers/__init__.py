"""rotascope.sources.providers."""
