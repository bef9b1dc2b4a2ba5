"""The news analyst workbench: who is quoted, about which countries, on which themes.

    import workbench as wb
    corpus = wb.load("data/sample")
    corpus.filter(country="IRN").counts("speaker")
"""

from __future__ import annotations

import importlib

from .corpus import Corpus
from .export import briefing_pack, export  # eager: a lazy `export` would be shadowed by its module
from .load import load
from .paths import exports_path, sample_path, themes_path

__all__ = ["Corpus", "load", "export", "briefing_pack", "Dashboard", "charts", "sample_path",
           "exports_path", "themes_path"]
__version__ = "0.1.0"

# Heavy, optional parts load on first use, not on import.
_LAZY = {"charts": ("workbench.charts", None), "Dashboard": ("workbench.dashboard", "Dashboard")}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'workbench' has no attribute {name!r}")
    module_name, attribute = _LAZY[name]
    module = importlib.import_module(module_name)
    return module if attribute is None else getattr(module, attribute)
