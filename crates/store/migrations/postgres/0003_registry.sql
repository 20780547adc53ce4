-- newsgraph store on PostgreSQL, schema 3 (as ../0003_registry.sql): the entity
-- registry's record and corrections.

-- How many articles used each spelling of an entity.
ALTER TABLE entity_aliases ADD COLUMN count BIGINT NOT NULL DEFAULT 1;
-- When a descriptor was first and last given (publication days).
ALTER TABLE entity_descriptors ADD COLUMN first_seen TEXT COLLATE "C";
ALTER TABLE entity_descriptors ADD COLUMN last_seen TEXT COLLATE "C";

-- Merges and splits made by hand, in order (see ../0003_registry.sql).
CREATE TABLE registry_corrections (
    id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    op     TEXT NOT NULL,
    ref    TEXT NOT NULL,
    target TEXT NOT NULL,
    seq    BIGINT,
    at     TEXT NOT NULL
);
CREATE INDEX registry_corrections_ref ON registry_corrections (ref, op);
CREATE INDEX registry_corrections_target ON registry_corrections (target, op);
