"""The narrative: the inline helpers the .qmd text calls (``helpers``) and the facts they read
(``facts``), the narrative's checks (``check``) and its month marker (``marker``), and the month's
notable facts for ``python -m scorecard brief`` (``brief``).
"""
