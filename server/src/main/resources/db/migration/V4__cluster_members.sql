-- Cluster discovery (docs/cluster.md): JGroups' JDBC_PING2 keeps one row per member here, with its default table
-- and column names (the server gives it the store's connections and skips its own CREATE TABLE). Valid on both
-- backends; only a PostgreSQL store can run a cluster, so on SQLite the table stays empty.
CREATE TABLE jgroups (
    address VARCHAR(200) NOT NULL PRIMARY KEY,
    name    VARCHAR(200),
    cluster VARCHAR(200) NOT NULL,
    ip      VARCHAR(200) NOT NULL,
    coord   BOOLEAN
);
