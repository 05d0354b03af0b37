"""The bounded LRU result cache."""

from __future__ import annotations

import pytest

from rotascope.web.cache import MISSING, ResultCache


def test_lru_evicts_least_recently_used():
    c = ResultCache(maxsize=2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.get("a") == 1  # a is now the most recent
    c.put("c", 3)
    assert c.get("b") is MISSING
    assert c.get("a") == 1 and c.get("c") == 3
    assert len(c) == 2
    assert (c.hits, c.misses) == (3, 1)


def test_zero_size_disables_and_negative_rejected():
    c = ResultCache(maxsize=0)
    c.put("a", 1)
    assert c.get("a") is MISSING
    with pytest.raises(ValueError):
        ResultCache(maxsize=-1)
    with pytest.raises(ValueError):
        ResultCache(maxbytes=-1)


def test_clear():
    c = ResultCache(4)
    c.put(("facts", "RUT", "v1"), b"{}")
    c.clear()
    assert ("facts", "RUT", "v1") not in c


def test_byte_bound_evicts_oldest():
    c = ResultCache(maxsize=100, maxbytes=10)
    c.put("a", b"12345")
    c.put("b", (b"1234", "name"))
    assert c.nbytes == 9
    c.put("c", b"123")  # 12 bytes > 10: "a" goes
    assert c.get("a") is MISSING and c.get("b") is not MISSING
    assert c.nbytes == 7
    c.put("huge", b"x" * 11)  # larger than the bound: not cached at all
    assert c.get("huge") is MISSING and c.nbytes == 7
    c.put("c", b"1")  # replacing a key adjusts the total
    assert c.nbytes == 5
