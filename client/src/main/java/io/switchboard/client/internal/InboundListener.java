package io.switchboard.client.internal;

import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.Shutdown;

/** What the client does with frames that are not answers to its own requests. Called on the I/O thread. */
public interface InboundListener {

    /** A call for one of this client's publications. */
    void onDeliver(Connection connection, Deliver deliver);

    /** A RESCINDED / REPUBLISHED notification for a subscription. */
    void onSessionEvent(SessionEvent event);

    /** A WATCH notification: the entries of a watched name changed. */
    void onEntries(Entries entries);

    /** The server is about to go away. */
    void onShutdown(Connection connection, Shutdown shutdown);
}
