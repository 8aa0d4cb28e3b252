"""The analysts' files, in and out: ``data/`` (settings, catalogue, values, published arrows) and the
published wide layout (.txt/.tsv/.csv/.xlsx).

Takes files; gives a validated ``ScorecardData`` (``load.load_data``) or one ``Problem`` per bad cell.
Imports the vocabulary only (``scorecard.model``, ``targets``, ``problems``), never the rules or the pack.
"""
