-- Every running query-side node beats here; a node that sees N live nodes keeps at most its share of a processor's
-- segments and releases the rest to the others (see SegmentBalancer).
CREATE TABLE query_node (
    node_id    VARCHAR(255) PRIMARY KEY,
    started_at TIMESTAMPTZ  NOT NULL,
    seen_at    TIMESTAMPTZ  NOT NULL
);
