// Every node, or every node of $label (null = all).
MATCH (n:Entity)
WHERE $label IS NULL OR n.label = $label
RETURN n.id AS id, n.label AS label, n.name AS name, n.aliases AS aliases,
       n.properties AS properties, n.evidence AS evidence
