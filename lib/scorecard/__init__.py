"""scorecard: the children's services board pack, in rooms that data flows through one way.

``data`` (the data folder; ``data.importer``: councils' files in any layout) -> ``rules`` (targets,
RAG, travel, SPC, the scorecard frame) -> ``quarto`` (Quarto's project steps) -> ``pack`` (tables,
charts, narrative for Quarto). Each room's ``__init__`` is its face: the names other rooms import.
At the top: the vocabulary every room speaks (``model``, ``periods``, ``project``, ``targets``,
``cells``, ``problems``) and the entry points (``cli``, ``render``, ``export``).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping


def lazy_face(
    package: str, face: Mapping[str, tuple[str, str | None]], names: Iterable[str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A room's face, as PEP 562 module functions: ``__getattr__`` imports each name of ``face``
    (name -> its module in the room, and its name there; None: the module itself) on first use, so
    importing a room imports nothing heavy; ``__dir__`` lists them with the face's own globals.

    Examples
    --------
    >>> __getattr__, __dir__ = lazy_face(__name__, {"load_data": ("load", "load_data")}, __all__)
    """
    listed = sorted(names)

    def __getattr__(name: str) -> object:
        if name not in face:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, attribute = face[name]
        found = importlib.import_module(f"{package}.{module}")
        return found if attribute is None else getattr(found, attribute)

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *listed})

    return __getattr__, __dir__
