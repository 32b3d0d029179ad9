package io.switchboard.benchmarks.ejb.app;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;

/**
 * The adapter as an EJB uses it: every call borrows a connection from the pool, calls, and returns it by closing
 * the handle (try-with-resources). The payload is a {@code byte[]}, which the adapter's Jackson mapping sends as
 * one CBOR byte string.
 */
@Stateless
public class AdapterEcho implements Echo {

    @Resource(lookup = "java:/switchboard/Default")
    private SwitchboardConnectionFactory connections;

    private String alias;
    private String method;

    @PostConstruct
    void target() {
        alias = BenchTarget.alias();
        method = BenchTarget.method();
    }

    @Override
    public byte[] echo(byte[] payload) {
        try (SwitchboardConnection connection = connections.getConnection()) {
            return connection.call(alias, method, payload, byte[].class);
        }
    }
}
