"""The board pack: what the .qmd cells call (``report``), tables, charts, summary, narrative, notes.

Takes a ``Scorecard`` from the rules; gives display outputs for Quarto (Markdown, HTML and Typst).
The .qmd files import one module: ``from scorecard.pack.report import *``.
"""
