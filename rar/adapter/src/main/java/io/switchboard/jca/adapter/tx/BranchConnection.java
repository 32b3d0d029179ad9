package io.switchboard.jca.adapter.tx;

import io.switchboard.client.XaBranches;
import java.util.function.Function;

/** What an {@link OutboundXaResource} needs of its managed connection: the XA verbs of its one physical connection. */
public interface BranchConnection {

    /**
     * Runs one XA verb on the connection's client. A lost connection is reported to the container as for any other
     * request (CONNECTION_ERROR_OCCURRED); the failure itself comes out unchanged, to be mapped to an XAException.
     */
    <T> T xa(Function<XaBranches, T> verb);
}
