package io.switchboard.benchmarks.ejb.app;

import io.switchboard.client.SwitchboardClient;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.time.Duration;

/**
 * The same call as {@link AdapterEcho}, through the application's plain client instead of the pool: the
 * baseline the adapter's overhead is measured against. The client is fetched once per bean instance, so a call
 * costs one EJB invocation here as it does for the adapter bean.
 */
@Stateless
public class PlainEcho implements Echo, PipelinedEcho {

    @EJB
    private PlainClient plainClient;

    private SwitchboardClient client;
    private String alias;
    private String method;

    @PostConstruct
    void target() {
        client = plainClient.client();
        alias = BenchTarget.alias();
        method = BenchTarget.method();
    }

    @Override
    public byte[] echo(byte[] payload) {
        return client.call(alias, method, payload, byte[].class);
    }

    @Override
    public long pipelined(byte[] payload, int inFlight, long nanos) {
        return Runs.pipelined(
                body -> client.callAsync(alias, method, body, byte[].class),
                payload,
                inFlight,
                Duration.ofNanos(nanos));
    }
}
