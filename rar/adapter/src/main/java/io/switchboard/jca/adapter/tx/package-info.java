/**
 * The outbound side of transactions (docs/transactions.md): the managed connection's {@code XAResource}, which maps
 * onto the client's XA verbs, its {@code LocalTransaction} (on-commit mode), and the bounded buffer of calls deferred
 * until a transaction commits.
 */
package io.switchboard.jca.adapter.tx;
