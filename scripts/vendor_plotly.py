"""Rebuild the vendored plotly.js bundle in ``src/rotascope/render/vendor`` from npm.

The report inlines, and the web page serves, the *basic* plotly.js distribution
(scatter, bar and pie traces: every chart rotascope draws) instead of the full bundle
the plotly Python package ships (4.8 MB). This script fetches the npm tarball of
``plotly.js-basic-dist-min``, checks its SHA-256, checks the SHA-256 of the minified
file inside, and writes it gzip-compressed (level 9, no timestamp or name, so the same
input gives the same bytes) with its licence::

    python scripts/vendor_plotly.py                      # from the npm registry
    python scripts/vendor_plotly.py --tarball x.tgz      # a tarball from `npm pack`

To move to another plotly.js version, change :data:`VERSION` and the two hashes (from
``npm pack plotly.js-basic-dist-min@<version>`` and ``sha256sum``), run the script,
and update ``VERSION``/``JS_SHA256`` in ``src/rotascope/render/plotlyjs.py``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import tarfile
import urllib.request
from pathlib import Path

PACKAGE = "plotly.js-basic-dist-min"
VERSION = "4.1.1"
URL = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
#: SHA-256 of the npm tarball (``npm pack plotly.js-basic-dist-min@4.1.1``).
TARBALL_SHA256 = "ea907f854b6cec4f6a2fa71540ec019a21ed2c61e6a109ddd5c072103a96eed0"
#: SHA-256 of ``package/plotly-basic.min.js`` inside it.
JS_SHA256 = "99784e3abfb07b142a15e521a439e6d9addceadb3f79553fd24c72774f0649ba"
OUT = Path(__file__).resolve().parents[1] / "src" / "rotascope" / "render" / "vendor"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch(tarball: Path | None) -> bytes:
    """The npm tarball's bytes, checked against :data:`TARBALL_SHA256`."""
    if tarball is not None:
        data = tarball.read_bytes()
    else:
        with urllib.request.urlopen(URL, timeout=60) as resp:
            data = resp.read()
    got = _sha256(data)
    if got != TARBALL_SHA256:
        raise SystemExit(f"{PACKAGE}-{VERSION}.tgz has SHA-256 {got}, expected {TARBALL_SHA256}")
    return data


def extract(data: bytes) -> tuple[bytes, bytes]:
    """``(plotly-basic.min.js, LICENSE)`` from the tarball, the script checked."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        js = tar.extractfile("package/plotly-basic.min.js")
        lic = tar.extractfile("package/LICENSE")
        if js is None or lic is None:
            raise SystemExit("the tarball lacks package/plotly-basic.min.js or LICENSE")
        script, licence = js.read(), lic.read()
    got = _sha256(script)
    if got != JS_SHA256:
        raise SystemExit(f"plotly-basic.min.js has SHA-256 {got}, expected {JS_SHA256}")
    return script, licence


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tarball", type=Path, help="a tarball made by `npm pack` (else download)")
    ap.add_argument("--out", type=Path, default=OUT, help="folder written (default the package's)")
    args = ap.parse_args(argv)
    script, licence = extract(fetch(args.tarball))
    args.out.mkdir(parents=True, exist_ok=True)
    packed = gzip.compress(script, compresslevel=9, mtime=0)
    (args.out / f"plotly-basic-{VERSION}.min.js.gz").write_bytes(packed)
    (args.out / "LICENSE.plotly.txt").write_bytes(licence)
    print(
        f"wrote plotly-basic-{VERSION}.min.js.gz ({len(packed):,} bytes; "
        f"{len(script):,} uncompressed, SHA-256 {JS_SHA256})"
    )


if __name__ == "__main__":
    main()
