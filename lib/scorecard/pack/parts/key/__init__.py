"""The key and the data notes at the end of the pack (``notes``), with what they say about SPC
(``spc_notes``) and about the DfE benchmarks (``benchmark_notes``).
"""
