"""The rules: RAG against the target, direction of travel, SPC (XmR), and the one scorecard frame.

Takes a validated ``ScorecardData``; gives a ``Scorecard`` (``frame.build_scorecard``) for a period.
Pure functions, no I/O; imports the vocabulary only (``scorecard.model``, ``targets``, ``problems``).
"""
