package io.switchboard.benchmarks.ejb.app;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.time.Duration;

/**
 * One plain {@code SwitchboardClient} for the whole application, as an application without the adapter would
 * keep it: created at deployment, shared by every thread (the client is thread-safe and multiplexes calls on one
 * connection), closed at undeployment. Bean-managed concurrency: the container must not serialize access.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PlainClient {

    /** Same as the adapter's callTimeoutMillis in the benchmark's connection definition. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private volatile SwitchboardClient client;

    @PostConstruct
    void connect() {
        client = SwitchboardClient.connect(ClientOptions.builder()
                .url(BenchTarget.serverUrl())
                .clientName("bench-plain")
                .codec(Codec.CBOR)
                .callTimeout(CALL_TIMEOUT)
                .connectTimeout(Duration.ofSeconds(5))
                .build());
    }

    public SwitchboardClient client() {
        return client;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
