"""How the layouts councils keep their files in are told apart and read: which layout a table's
header row says (``header_layout``), the seed's sectioned wide layout (``sectioned``), a workbook's
sheets (one a section), a long layout's values file, and periods split over two columns or under a
year row.

Part of the importer's room: its modules use the importer's, and only the importer uses them.
"""
