"""Quarto's pre-render step (``_quarto.yml``): write ``_sections.qmd`` from ``data/settings.yaml``.

Quarto runs it with the Python that runs the report's cells, before every render, ``quarto render
report.qmd`` included; ``scorecard.pack.section_files`` says why the sections need it.
"""

from scorecard.pack.section_files import main

raise SystemExit(main())
