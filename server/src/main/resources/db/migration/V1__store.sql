-- The store's schema, the same script for SQLite and PostgreSQL: only types and statements both understand.
-- Times are epoch milliseconds (BIGINT); byte columns are BYTEA (PostgreSQL's type; SQLite keeps the bytes as a
-- BLOB); lists and maps are JSON text.

-- Registry entries with a TTL lifetime (connection-bound entries are never stored).
CREATE TABLE ttl_registration (
    instance_id VARCHAR(128) NOT NULL PRIMARY KEY,
    name        TEXT         NOT NULL,
    endpoints   TEXT         NOT NULL,
    metadata    TEXT         NOT NULL,
    ttl_ms      BIGINT       NOT NULL,
    expires_at  BIGINT       NOT NULL
);
CREATE INDEX ttl_registration_expires_at ON ttl_registration (expires_at);

-- Async calls: the submitted call, then its outcome (the outcome_ columns stay NULL until it completes).
CREATE TABLE ticket (
    ticket_id       VARCHAR(128) NOT NULL PRIMARY KEY,
    alias           TEXT         NOT NULL,
    method          TEXT         NOT NULL,
    payload         BYTEA        NOT NULL,
    codec           VARCHAR(32)  NOT NULL,
    deadline        BIGINT       NOT NULL,
    created_at      BIGINT       NOT NULL,
    outcome_code    VARCHAR(64),
    outcome_message TEXT,
    outcome_payload BYTEA,
    outcome_codec   VARCHAR(32),
    completed_at    BIGINT,
    expires_at      BIGINT
);
CREATE INDEX ticket_expires_at ON ticket (expires_at);

-- Calls held for a hold session whose publishers are away, delivered in arrival order.
CREATE TABLE held_call (
    call_id  VARCHAR(128) NOT NULL PRIMARY KEY,
    alias    TEXT         NOT NULL,
    method   TEXT         NOT NULL,
    payload  BYTEA        NOT NULL,
    codec    VARCHAR(32)  NOT NULL,
    meta     BYTEA        NOT NULL,
    deadline BIGINT       NOT NULL,
    arrival  BIGINT       NOT NULL
);
CREATE INDEX held_call_alias_arrival ON held_call (alias, arrival);

-- Definitions of hold sessions, listed while their publishers are away and across restarts.
CREATE TABLE held_session (
    alias              VARCHAR(255) NOT NULL PRIMARY KEY,
    methods            TEXT         NOT NULL,
    idempotent_methods TEXT         NOT NULL,
    policy             VARCHAR(16)  NOT NULL
);
