-- newsgraph store, schema 3: the entity registry's record and corrections.
-- (Schema 2 is the link stage's stories and signatures.)

-- How many articles used each spelling of an entity.
ALTER TABLE entity_aliases ADD COLUMN count INTEGER NOT NULL DEFAULT 1;
-- When a descriptor was first and last given (publication days, '' unknown).
ALTER TABLE entity_descriptors ADD COLUMN first_seen TEXT;
ALTER TABLE entity_descriptors ADD COLUMN last_seen TEXT;

-- Merges and splits made by hand, in order. merge: `ref` was merged into `target`
-- (later ingests that resolve to `ref` go to `target`); split: `ref` is the new entity
-- split off `target` for the article `seq` (the two are never merged automatically).
CREATE TABLE registry_corrections (
    id     INTEGER PRIMARY KEY,
    op     TEXT NOT NULL,
    ref    TEXT NOT NULL,
    target TEXT NOT NULL,
    seq    INTEGER,
    at     TEXT NOT NULL
);
CREATE INDEX registry_corrections_ref ON registry_corrections (ref, op);
CREATE INDEX registry_corrections_target ON registry_corrections (target, op);
