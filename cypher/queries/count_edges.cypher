// Relationships per type.
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS key, count(*) AS n
