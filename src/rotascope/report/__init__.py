"""rotascope.report."""
