"""Sentences made of segments: the text of a narrative, with every number tied to its fact.

A :class:`Segment` is a piece of text; one that states a number carries ``ref``, the
index of the fact it comes from, so renderers can add footnote markers and hover
titles. :class:`Sentence` and :class:`Narrative` are what
:func:`rotascope.story.narrative.narrate` returns (and are re-exported there).

Examples
--------
>>> s = as_sentence([Segment("The Russell 2000 rose "), Segment("11.5%", 0)])
>>> s.text, s.refs
('The Russell 2000 rose 11.5%.', (0,))
>>> s.remap({0: 3}).refs
(3,)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Narrative", "Segment", "Sentence", "as_sentence"]


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence; numbers carry the fact they come from.

    Attributes
    ----------
    text : str
        The words.
    ref : int or None
        Index of the source fact (``None`` for plain words).
    """

    text: str
    ref: int | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence as a sequence of segments."""

    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        """The sentence without markers."""
        return "".join(s.text for s in self.segments)

    @property
    def refs(self) -> tuple[int, ...]:
        """Indices of the facts cited, in order of first appearance."""
        return tuple(dict.fromkeys(s.ref for s in self.segments if s.ref is not None))

    def remap(self, mapping: Mapping[int, int]) -> Sentence:
        """The same sentence with fact indices replaced through ``mapping``."""
        return Sentence(
            tuple(Segment(s.text, None if s.ref is None else mapping[s.ref]) for s in self.segments)
        )


@dataclass(frozen=True)
class Narrative:
    """Headline and paragraphs.

    Attributes
    ----------
    headline : Sentence
        One line, no final period.
    paragraphs : tuple of tuple of Sentence
        A few short paragraphs.
    """

    headline: Sentence
    paragraphs: tuple[tuple[Sentence, ...], ...] = field(default_factory=tuple)

    @property
    def refs(self) -> tuple[int, ...]:
        """Every fact index cited, in order of first appearance."""
        every = (self.headline, *(x for p in self.paragraphs for x in p))
        return tuple(dict.fromkeys(r for s in every for r in s.refs))

    def remap(self, mapping: Mapping[int, int]) -> Narrative:
        """The same narrative with fact indices replaced through ``mapping``."""
        return Narrative(
            self.headline.remap(mapping),
            tuple(tuple(s.remap(mapping) for s in p) for p in self.paragraphs),
        )

    def paragraph_texts(self) -> list[str]:
        """Paragraphs as plain strings."""
        return [" ".join(s.text for s in p) for p in self.paragraphs]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: plain texts and the facts each sentence cites."""
        return {
            "headline": self.headline.text,
            "paragraphs": self.paragraph_texts(),
            "sentences": [
                [{"text": s.text, "facts": list(s.refs)} for s in p] for p in self.paragraphs
            ],
        }


def as_sentence(segs: list[Segment]) -> Sentence:
    """A sentence from segments, with a final period added when it has none."""
    if not "".join(s.text for s in segs).rstrip().endswith((".", "!", "?")):
        segs = [*segs, Segment(".")]
    return Sentence(tuple(segs))
