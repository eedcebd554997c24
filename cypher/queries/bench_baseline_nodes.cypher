// Benchmark baseline only (bench/neo4j_bench.py): the hand-written single-statement UNWIND
// of every node row at once, no reads, no merging in Python.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n:$(row.label),
    n += row.flat,
    n.label = row.label,
    n.name = row.name,
    n.aliases = row.aliases,
    n.alias_text = row.alias_text,
    n.search_text = row.search_text,
    n.properties = row.properties,
    n.evidence = row.evidence
