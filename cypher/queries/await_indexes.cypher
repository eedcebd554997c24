// Wait (up to $seconds) until every index is online, after schema.cypher created them.
CALL db.awaitIndexes($seconds)
