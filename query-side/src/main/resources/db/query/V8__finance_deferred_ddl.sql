-- A replay loads the Finance tables without their secondary indexes and foreign keys and builds them again at the
-- end (FinanceIndexes). What it drops is kept here, in the same transaction as the drop, so a replay that dies
-- cannot lose them: the next query side to start (or the next replay) builds them again.
CREATE TABLE finance_deferred_ddl (
    object_name VARCHAR(255) PRIMARY KEY,
    kind        VARCHAR(20)  NOT NULL CHECK (kind IN ('INDEX', 'FOREIGN_KEY')),
    create_ddl  TEXT         NOT NULL,
    deferred_at TIMESTAMPTZ  NOT NULL
);
