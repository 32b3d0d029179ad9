package io.switchboard.server.routing;

/**
 * Told when any alias gains or loses a local publication (a cluster node announcing what it publishes). Called on
 * the publishing connection's event loop, as {@link PublicationWatcher} is; must not block: record and return.
 */
public interface PublicationListener {

    /** A publication of {@code alias} was accepted here. */
    void published(String alias);

    /** A publication of {@code alias} was rescinded here, or its connection closed. */
    void withdrawn(String alias);
}
