package io.switchboard.jca.adapter;

import io.switchboard.client.ServerUrl;
import io.switchboard.protocol.Protocol;
import jakarta.resource.spi.ManagedConnectionMetaData;

/** What the container's tools show about a pooled connection: the server it is connected to and the user. */
final class SwitchboardManagedConnectionMetaData implements ManagedConnectionMetaData {

    private final String userName;
    private final ServerUrl serverUrl;

    SwitchboardManagedConnectionMetaData(String userName, ServerUrl serverUrl) {
        this.userName = userName;
        this.serverUrl = serverUrl;
    }

    @Override
    public String getEISProductName() {
        return "Switchboard" + (serverUrl == null ? "" : " at " + serverUrl);
    }

    @Override
    public String getEISProductVersion() {
        return "protocol " + Protocol.VERSION;
    }

    /** No limit of the server's: the pool's max-pool-size is the only one. */
    @Override
    public int getMaxConnections() {
        return 0;
    }

    @Override
    public String getUserName() {
        return userName;
    }
}
