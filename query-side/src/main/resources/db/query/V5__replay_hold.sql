-- A replay that takes a processing group over from running nodes holds it here while it runs; the nodes see the hold
-- at their next beat and keep off the group's segments until it is gone (or goes stale: a replay that died).
CREATE TABLE replay_hold (
    processing_group VARCHAR(255) PRIMARY KEY,
    holder           VARCHAR(255) NOT NULL,
    seen_at          TIMESTAMPTZ  NOT NULL
);
