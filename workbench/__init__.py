"""The news analyst workbench: who is quoted, about which countries, on which themes.

    import workbench as wb
    corpus = wb.load("data/sample")
    corpus.filter(country="IRN").counts("speaker")
"""

from __future__ import annotations

import importlib

from .corpus import Corpus
from .load import load

__all__ = ["Corpus", "load", "export", "briefing_pack", "Dashboard", "charts"]
__version__ = "0.1.0"

# Heavy, optional parts (matplotlib, ipywidgets) load on first use, not on import.
_LAZY = {
    "charts": ("workbench.charts", None),
    "export": ("workbench.export", "export"),
    "briefing_pack": ("workbench.export", "briefing_pack"),
    "Dashboard": ("workbench.dashboard", "Dashboard"),
}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'workbench' has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name)
    return module if attribute is None else getattr(module, attribute)
