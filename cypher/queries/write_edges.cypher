// Merge one batch of relationships, of any types (row.type is a schema.labels.RelType value):
// one statement per batch, not one per type (see write_nodes).
//
// Every type is spelled out, one UNION branch each, rather than MERGE (a)-[r:$(row.type)]->(b):
// Neo4j 5.26 plans a MERGE (or any match) with a dynamic type on a database without
// relationships as a scan of all relationships per row, caches that plan, and keeps it while
// the graph grows, so the first writes into an empty database turn quadratic. With a static
// type it is an Expand(Into) between the two bound nodes, whatever the statistics
// (tests/graph/test_neo4j_plans.py checks the plan and that the branches are exactly
// schema.labels.RelType). The two ends are index seeks by hint, for the same reason: on an
// empty database's statistics the planner may as well scan.
UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
USING INDEX SEEK a:Entity(id)
MATCH (b:Entity {id: row.target})
USING INDEX SEEK b:Entity(id)
CALL (a, b, row) {
  WITH a, b, row WHERE row.type = 'PART_OF'
  MERGE (a)-[r:PART_OF]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'LOCATED_IN'
  MERGE (a)-[r:LOCATED_IN]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'ISSUED'
  MERGE (a)-[r:ISSUED]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'CITES'
  MERGE (a)-[r:CITES]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'ESTABLISHES'
  MERGE (a)-[r:ESTABLISHES]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'RUNS'
  MERGE (a)-[r:RUNS]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'BUILDS'
  MERGE (a)-[r:BUILDS]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'TARGETS'
  MERGE (a)-[r:TARGETS]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'HAS_INDICATOR'
  MERGE (a)-[r:HAS_INDICATOR]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'MEASURES'
  MERGE (a)-[r:MEASURES]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'COOPERATES_WITH'
  MERGE (a)-[r:COOPERATES_WITH]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'MEMBER_OF'
  MERGE (a)-[r:MEMBER_OF]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'AUTHORED'
  MERGE (a)-[r:AUTHORED]->(b)
  RETURN r
  UNION ALL
  WITH a, b, row WHERE row.type = 'MENTIONS'
  MERGE (a)-[r:MENTIONS]->(b)
  RETURN r
}
SET r += row.flat,
    r.properties = row.properties,
    r.evidence = row.evidence
