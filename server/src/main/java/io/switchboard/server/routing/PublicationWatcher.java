package io.switchboard.server.routing;

/**
 * Told when a publication of one watched alias appears or goes. Called on the publishing connection's event
 * loop, so the calls for one connection come in the order they happened; a withdrawal by a closing connection
 * comes before its outstanding deliveries are answered {@code publisher-lost}. Must not block.
 */
public interface PublicationWatcher {

    /** Methods every publication of the alias must declare; a PUBLISH lacking one is refused bad-request. */
    java.util.List<String> requiredMethods();

    /** {@code publication} was accepted (after its ACK was queued). */
    void published(Publication publication);

    /** {@code publication} was rescinded, or its connection closed. */
    void withdrawn(Publication publication);
}
