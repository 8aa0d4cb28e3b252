"""The pack's parts, one module per part the board sees: the validation line, the section tables, the
trend charts and the RAG chart (from ``chart_data``), the executive summary, the key and data notes,
"since the last pack", and the download links.
"""
