-- RESOLVE lists a name's entries oldest registration first; after a restart the stored entries must load in that
-- order too. registered_at: microseconds since the epoch of the first registration, kept by refreshes and renewals.
ALTER TABLE ttl_registration ADD COLUMN registered_at BIGINT NOT NULL DEFAULT 0;
