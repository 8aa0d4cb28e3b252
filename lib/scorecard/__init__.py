"""scorecard: data/ -> load and validate -> targets, RAG, direction of travel, SPC -> tables, charts."""
