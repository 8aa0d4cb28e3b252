"""scorecard: the children's services board pack, in rooms that data flows through one way.

``data`` (the data folder; ``data.importer``: councils' files in any layout) -> ``rules`` (targets,
RAG, travel, SPC, the scorecard frame) -> ``quarto`` (Quarto's project steps) -> ``pack`` (tables,
charts, narrative for Quarto). Each room's ``__init__`` is its face: the names other rooms import.
At the top: the vocabulary every room speaks (``model``, ``periods``, ``project``, ``targets``,
``cells``, ``problems``) and the entry points (``cli``, ``render``, ``export``).
"""
