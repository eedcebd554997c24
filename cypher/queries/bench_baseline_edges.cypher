// Benchmark baseline only (bench/neo4j_bench.py): every relationship row in one statement.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:$(row.type)]->(b)
SET r += row.flat,
    r.properties = row.properties,
    r.evidence = row.evidence
