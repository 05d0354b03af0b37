"""Products: one use-case function per thing a user asks for, over a data source.

======================  ==========================================================
product                 function (module)
======================  ==========================================================
facts                   :func:`~rotascope.products.facts.facts` -> ``FactSet``
report                  :func:`~rotascope.products.report.report` -> ``ReportResult``
streak study            :func:`~rotascope.products.study.study`
rotation dashboard      :func:`~rotascope.products.rotation.rotation`
breadth                 :func:`~rotascope.products.breadth.breadth`
valuation               :func:`~rotascope.products.valuation.valuation`
factors                 :func:`~rotascope.products.factors.factors`,
                        :func:`~rotascope.products.factors.factor_decades`,
                        :func:`~rotascope.products.factors.factor_pair`
record scan             :func:`~rotascope.products.scan.scan`
======================  ==========================================================

Each takes a :class:`~rotascope.data.port.DataSource` and an as-of (an
:class:`~rotascope.asof.AsOf`, or the value it resolves against its own reference
dates) and returns a result carrying its facts or tables, the ``AsOf``, the notes and
the data version, with ``to_frame()``, ``to_dict()`` and ``_repr_html_()``. Front ends
(CLI, web, report renderers, the Python API) parse their input, call a product and
render its result and notes. :mod:`~rotascope.products.imports` is the one gate of the
write paths to the store.

Examples
--------
>>> from rotascope.products.rotation import GAUGES
>>> GAUGES[0].label
'small vs large (RUT vs SPX)'
"""

from __future__ import annotations

__all__: list[str] = []
