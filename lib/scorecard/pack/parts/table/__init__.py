"""The section tables: each indicator's row as text (``section_cells``) and the great_tables tables
built from it, with the summary's tables and the plain tables other parts share (``tables``).
"""
