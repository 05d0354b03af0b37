"""Facts: measures turned into statements with their records."""

from rotascope.facts.fact import Fact, Record

__all__ = ["Fact", "Record"]
