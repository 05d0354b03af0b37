"""The plotly.js bundle every rotascope chart is drawn with, shipped with the package.

rotascope draws only ``scatter`` and ``bar`` traces (a histogram is bars over bins the
measures compute), so it ships plotly.js's *basic* distribution
(``plotly.js-basic-dist-min`` 4.1.1 from npm: scatter, bar, pie; MIT licence; 1.19 MB,
395 KB gzipped) rather than the full 4.8 MB bundle of the plotly Python package. The
file is stored gzip-compressed in ``rotascope/render/vendor`` (its README gives the
origin and hashes; ``scripts/vendor_plotly.py`` rebuilds it from the npm tarball).

- The HTML report inlines :func:`gzip_base64` and inflates it in the browser
  (``DecompressionStream``), so the page opens offline and stays small.
- The web app serves :func:`script` (or :func:`gzipped` to clients that accept gzip) at
  ``/vendor/plotly.min.js``.

Examples
--------
>>> script()[:60].splitlines()[1]
'* plotly.js (basic - minified) v4.1.1'
>>> len(gzipped()) < 450_000
True
"""

from __future__ import annotations

import base64
import gzip
import hashlib
from functools import lru_cache
from importlib import resources

__all__ = ["JS_SHA256", "TRACES", "VERSION", "etag", "gzip_base64", "gzipped", "script"]

#: plotly.js version of the vendored bundle.
VERSION = "4.1.1"
#: SHA-256 of the uncompressed script (checked when it is read).
JS_SHA256 = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"
#: Trace types the bundle can draw; every figure rotascope makes uses only these.
TRACES: frozenset[str] = frozenset({"scatter", "bar", "pie"})

_FILE = f"plotly-basic-{VERSION}.min.js.gz"


@lru_cache(maxsize=1)
def gzipped() -> bytes:
    """The gzip-compressed bundle as stored in the package."""
    return (resources.files("rotascope.render") / "vendor" / _FILE).read_bytes()


@lru_cache(maxsize=1)
def script() -> str:
    """The bundle's JavaScript, checked against :data:`JS_SHA256`.

    Raises
    ------
    RuntimeError
        The stored file is not the vendored bundle (a broken install).
    """
    raw = gzip.decompress(gzipped())
    if hashlib.sha256(raw).hexdigest() != JS_SHA256:
        raise RuntimeError(
            f"rotascope/render/vendor/{_FILE} is damaged; reinstall rotascope "
            "(or rebuild it with scripts/vendor_plotly.py)"
        )
    return raw.decode("utf-8")


@lru_cache(maxsize=1)
def gzip_base64() -> str:
    """The gzip-compressed bundle as base64 text (what the HTML report inlines)."""
    return base64.b64encode(gzipped()).decode("ascii")


def etag() -> str:
    """An HTTP ETag for the bundle (from its SHA-256)."""
    return f'"plotly-{VERSION}-{JS_SHA256[:16]}"'
