"""Products: one use-case function per thing a user asks for, over a data source.

Here so far: the rotation dashboard (:mod:`rotascope.products.rotation`) and the record
scan (:mod:`rotascope.products.scan`). Front ends (CLI, web, report, the Python API)
parse their input, call a product and render its result.

Examples
--------
>>> from rotascope.products.rotation import GAUGES
>>> GAUGES[0].label
'small vs large (RUT vs SPX)'
"""

from __future__ import annotations

__all__: list[str] = []
