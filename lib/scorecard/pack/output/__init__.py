"""Writing a part for the web page and the PDF: Markdown with one raw block per format
(``outputs``), the Typst writer (``typst``, reading great_tables' model through ``gt_model``), the
icons, the escaping, the figures, and the files ``_quarto.yml`` includes (``assets/``).
"""
