"""The pack's parts, one module per part the board sees: the validation line, the section tables
(``table/``), the trend charts and the RAG chart (from ``chart_data``), the executive summary, the
benchmarks, the key and data notes (``key/``), "since the last pack", and the download links.
"""
