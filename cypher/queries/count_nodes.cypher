// Nodes per label.
MATCH (n:Entity)
RETURN n.label AS key, count(*) AS n
