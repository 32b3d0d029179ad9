-- XA branches (docs/transactions.md). The calls of a prepared branch are stored as tickets that no node owns yet
-- (owner_epoch -1, so neither restart recovery nor a cluster takeover touches them) with their branch's XID in
-- xa_branch; commit makes them ordinary pending tickets of the committing node in one UPDATE, rollback deletes them.
ALTER TABLE ticket ADD COLUMN xa_branch VARCHAR(300);
-- The call's place in its branch: calls are released in this order.
ALTER TABLE ticket ADD COLUMN xa_seq INTEGER;
-- The call's timeout, which starts when the branch commits (the deadline column is set then).
ALTER TABLE ticket ADD COLUMN xa_timeout_ms BIGINT;
-- The call's caller and headers, as held calls keep them.
ALTER TABLE ticket ADD COLUMN xa_meta BYTEA;
ALTER TABLE ticket ADD COLUMN xa_prepared_at BIGINT;
CREATE INDEX ticket_xa_branch ON ticket (xa_branch) WHERE xa_branch IS NOT NULL;
