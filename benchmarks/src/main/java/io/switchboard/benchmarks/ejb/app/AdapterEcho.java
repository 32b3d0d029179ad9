package io.switchboard.benchmarks.ejb.app;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.time.Duration;

/**
 * The adapter as an EJB uses it: every call borrows a connection from the pool, calls, and returns it by closing
 * the handle (try-with-resources). The payload is a {@code byte[]}, which the adapter's Jackson mapping sends as
 * one CBOR byte string. The pipelined run borrows one connection for the whole run and keeps calls in flight on
 * it with {@code callAsync}.
 */
@Stateless
public class AdapterEcho implements Echo, PipelinedEcho {

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

    @Override
    public long pipelined(byte[] payload, int inFlight, long nanos) {
        try (SwitchboardConnection connection = connections.getConnection()) {
            return Runs.pipelined(
                    body -> connection.callAsync(alias, method, body, byte[].class),
                    payload,
                    inFlight,
                    Duration.ofNanos(nanos));
        }
    }
}
