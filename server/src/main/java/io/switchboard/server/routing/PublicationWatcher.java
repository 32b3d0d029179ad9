package io.switchboard.server.routing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Told when a publication of one watched alias appears or goes. Called on the publishing connection's event
 * loop, so the calls for one connection come in the order they happened; a withdrawal by a closing connection
 * comes before its outstanding deliveries are answered {@code publisher-lost}. Must not block.
 */
public interface PublicationWatcher {

    /** Methods every publication of the alias must declare; a PUBLISH lacking one is refused bad-request. */
    List<String> requiredMethods();

    /** Why {@code publisher} may not publish the watched alias (a PUBLISH then gets bad-request), or null. */
    default String refusal(Connection publisher) {
        return null;
    }

    /** {@code publication} was accepted (after its ACK was queued). */
    void published(Publication publication);

    /** {@code publication} was rescinded, or its connection closed. */
    void withdrawn(Publication publication);

    /**
     * Both watchers, {@code first} told first: several front doors (a tcp and a websocket one, say) may share one
     * handler alias, and each handler instance then serves the lines of all of them.
     */
    static PublicationWatcher both(PublicationWatcher first, PublicationWatcher second) {
        Set<String> required = new LinkedHashSet<>(first.requiredMethods());
        required.addAll(second.requiredMethods());
        List<String> requiredMethods = List.copyOf(required);
        return new PublicationWatcher() {
            @Override
            public List<String> requiredMethods() {
                return requiredMethods;
            }

            @Override
            public String refusal(Connection publisher) {
                String refusal = first.refusal(publisher);
                return refusal != null ? refusal : second.refusal(publisher);
            }

            @Override
            public void published(Publication publication) {
                first.published(publication);
                second.published(publication);
            }

            @Override
            public void withdrawn(Publication publication) {
                first.withdrawn(publication);
                second.withdrawn(publication);
            }
        };
    }
}
