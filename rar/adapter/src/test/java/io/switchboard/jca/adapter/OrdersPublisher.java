package io.switchboard.jca.adapter;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.jca.api.SwitchboardConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain client publishing {@code orders} whose one method {@code take} records its payload and answers
 * "took &lt;payload&gt;". One handler thread, so the record is in the order the calls arrived. A synchronous
 * {@link #marker} call arrives after anything the server sent before it: once it is recorded, a call not recorded
 * before it was never run.
 */
final class OrdersPublisher implements AutoCloseable {

    static final String ALIAS = "orders";

    private final ExecutorService handler = Executors.newSingleThreadExecutor();
    private final SwitchboardClient client;
    final List<String> taken = new CopyOnWriteArrayList<>();

    OrdersPublisher(String url) {
        client = SwitchboardClient.connect(ClientOptions.builder()
                .url(url)
                .clientName("orders-publisher")
                .callTimeout(TestBed.PATIENCE)
                .connectTimeout(TestBed.PATIENCE)
                .build());
        client.publish(
                PublishOptions.builder(ALIAS).method("take").build(),
                call -> {
                    String order = call.payloadAs(String.class);
                    taken.add(order);
                    return "took " + order;
                },
                handler);
    }

    /** A synchronous call through {@code connection} (outside any transaction); returns when it was taken. */
    void marker(SwitchboardConnection connection, String name) {
        connection.call(ALIAS, "take", name, String.class);
    }

    @Override
    public void close() {
        client.close();
        handler.shutdownNow();
    }
}
