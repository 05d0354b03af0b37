"""rotascope.datasets."""
