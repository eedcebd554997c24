// Constraints and indexes of the policykg graph, applied idempotently by `policykg init-db`
// and at store start-up. One statement per `;`. Every node also carries the label Entity,
// whose unique `id` is what writes MERGE on; each label's own `id` is unique as well.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT region_id IF NOT EXISTS FOR (n:Region) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT gov_unit_id IF NOT EXISTS FOR (n:GovUnit) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT policy_document_id IF NOT EXISTS FOR (n:PolicyDocument) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT program_id IF NOT EXISTS FOR (n:Program) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT platform_id IF NOT EXISTS FOR (n:Platform) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT talent_group_id IF NOT EXISTS FOR (n:TalentGroup) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT indicator_id IF NOT EXISTS FOR (n:Indicator) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE RANGE INDEX region_name IF NOT EXISTS FOR (n:Region) ON (n.name);
CREATE RANGE INDEX gov_unit_name IF NOT EXISTS FOR (n:GovUnit) ON (n.name);
CREATE RANGE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE RANGE INDEX person_name IF NOT EXISTS FOR (n:Person) ON (n.name);
CREATE RANGE INDEX policy_document_name IF NOT EXISTS FOR (n:PolicyDocument) ON (n.name);
CREATE RANGE INDEX program_name IF NOT EXISTS FOR (n:Program) ON (n.name);
CREATE RANGE INDEX platform_name IF NOT EXISTS FOR (n:Platform) ON (n.name);
CREATE RANGE INDEX talent_group_name IF NOT EXISTS FOR (n:TalentGroup) ON (n.name);
CREATE RANGE INDEX indicator_name IF NOT EXISTS FOR (n:Indicator) ON (n.name);
CREATE RANGE INDEX source_name IF NOT EXISTS FOR (n:Source) ON (n.name);
// Exact substring search over name keys and alias keys (GraphStore.search / find).
CREATE TEXT INDEX entity_search_text IF NOT EXISTS FOR (n:Entity) ON (n.search_text);
// Ranked full-text search over names and aliases; the cjk analyzer indexes Chinese as bigrams.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.alias_text]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
