"""scorecard: the children's services board pack, in three rooms that data flows through one way.

``data`` (the analysts' files) -> ``rules`` (targets, RAG, travel, SPC, the scorecard frame) -> ``pack``
(tables, charts, narrative for Quarto). At the top: the vocabulary every room speaks (``model``,
``targets``, ``problems``) and the entry points (``cli``, ``render``, ``export``).
"""
