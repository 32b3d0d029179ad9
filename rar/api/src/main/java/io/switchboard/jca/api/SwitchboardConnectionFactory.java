package io.switchboard.jca.api;

import jakarta.resource.Referenceable;
import java.io.Serializable;

/**
 * What applications look up or inject, e.g.
 * {@code @Resource(lookup = "java:/switchboard/Default") SwitchboardConnectionFactory factory}.
 * Each {@link #getConnection()} borrows a pooled physical connection to a Switchboard server; closing the
 * returned handle gives it back. Obtain a connection per unit of work and close it in try-with-resources.
 */
public interface SwitchboardConnectionFactory extends Serializable, Referenceable {

    /**
     * A connection handle, with the credentials configured on the connection definition.
     *
     * @throws ConnectionFailedException when no connection can be had within the pool's blocking timeout
     *                                   or the server cannot be reached
     */
    SwitchboardConnection getConnection();

    /**
     * A connection handle authenticated as the given user (the pool keeps connections of different users
     * apart). Credentials travel in the handshake's credentials slot.
     */
    SwitchboardConnection getConnection(String userName, String password);
}
