"""Labels, relationship types, ids and graph records: the one source of truth (design.md)."""
