"""The story: score facts by how remarkable they are, then write the headline and the
narrative from them.

``score`` (how remarkable a fact is, for ordering) is not a record's ``rank`` (its place
in history).

Examples
--------
>>> from rotascope.story import narrate, score_facts
>>> narrate(score_facts([]), subject="RUT").headline.text
'No facts for the Russell 2000'
"""

from __future__ import annotations

from rotascope.story.narrative import narrate
from rotascope.story.score import ScoredFact, explain, score_fact, score_facts
from rotascope.story.segments import Narrative, Segment, Sentence

__all__ = [
    "Narrative",
    "ScoredFact",
    "Segment",
    "Sentence",
    "explain",
    "narrate",
    "score_fact",
    "score_facts",
]
