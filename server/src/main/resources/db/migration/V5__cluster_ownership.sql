-- Shared durable state of a cluster (docs/cluster.md, "Shared durable state").
-- Each node takes a fresh membership epoch from this one-row counter when it joins: unique for the life of the
-- database, so it fences a node's old work even after the whole cluster restarted.
CREATE TABLE cluster_epoch (
    id         INTEGER NOT NULL PRIMARY KEY,
    last_epoch BIGINT  NOT NULL
);
INSERT INTO cluster_epoch (id, last_epoch) VALUES (1, 0);

-- One row per epoch ever taken: which JGroups member held it (its UUID), and whether its work was taken over
-- (alive or taken-over; informational: a takeover looks at every node that still owns rows).
CREATE TABLE cluster_node (
    epoch     BIGINT       NOT NULL PRIMARY KEY,
    name      VARCHAR(200) NOT NULL,
    address   VARCHAR(200),
    state     VARCHAR(16)  NOT NULL,
    joined_at BIGINT       NOT NULL
);

-- The epoch of the node that owns a pending ticket or a held call; 0 (unowned) is a single server's, so the
-- path without a cluster is unchanged. Ownership changes only by a conditional UPDATE on this column.
ALTER TABLE ticket ADD COLUMN owner_epoch BIGINT NOT NULL DEFAULT 0;
ALTER TABLE held_call ADD COLUMN owner_epoch BIGINT NOT NULL DEFAULT 0;
-- 1 while the call is on its way to a publisher (marked before it is sent): after a crash such a call follows the
-- session's lost-publisher policy instead of being delivered blindly again.
ALTER TABLE held_call ADD COLUMN delivering INTEGER NOT NULL DEFAULT 0;
-- Only pending tickets are owned work (a takeover looks for them); completed ones wait for their expiry.
CREATE INDEX ticket_pending_owner ON ticket (owner_epoch) WHERE outcome_code IS NULL;
CREATE INDEX held_call_owner_epoch ON held_call (owner_epoch);
