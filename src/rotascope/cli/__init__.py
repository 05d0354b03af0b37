"""rotascope.cli."""
