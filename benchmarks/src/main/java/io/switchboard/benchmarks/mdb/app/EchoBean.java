package io.switchboard.benchmarks.mdb.app;

import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.MessageDriven;

/**
 * The echo session, published by the resource adapter's inbound side: the payload binds to a {@code byte[]} (the
 * caller's 64-byte CBOR byte string, decoded by the adapter's Jackson mapper to 62 bytes) and the same bytes go
 * back, encoded to the same 64-byte document. Its activation config (alias, maxConcurrency) is in the war's
 * generated {@code WEB-INF/ejb-jar.xml}, so a run can size it without recompiling; the bean binds to the default
 * resource adapter the setup script names.
 */
@MessageDriven
public class EchoBean implements CallMethods {

    @CallMethod("echo")
    public byte[] echo(byte[] payload) {
        return payload;
    }
}
