package io.switchboard.benchmarks.ejb.app;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.ClientResources;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A diagnostic: one plain client per caller thread on two shared I/O threads, which is the adapter pool's shape
 * (a physical connection per concurrent caller, ioThreads=2) without the connector architecture. Compared with
 * one shared client it shows what one-call-per-connection costs by itself. Lives for one run.
 */
final class PerCallerClients implements AutoCloseable {

    private final ClientResources resources = ClientResources.create(2, "bench-per-caller");
    private final List<SwitchboardClient> clients = new ArrayList<>();

    PerCallerClients(int count) {
        try {
            for (int i = 0; i < count; i++) {
                clients.add(SwitchboardClient.connect(ClientOptions.builder()
                        .url(BenchTarget.serverUrl())
                        .clientName("bench-per-caller-" + i)
                        .codec(Codec.CBOR)
                        .callTimeout(PlainClient.CALL_TIMEOUT)
                        .connectTimeout(Duration.ofSeconds(5))
                        .resources(resources)
                        .build()));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The echo through caller {@code index}'s own client. */
    Echo echo(int index) {
        SwitchboardClient client = clients.get(index);
        String alias = BenchTarget.alias();
        String method = BenchTarget.method();
        return payload -> client.call(alias, method, payload, byte[].class);
    }

    @Override
    public void close() {
        clients.forEach(SwitchboardClient::close);
        resources.close();
    }
}
