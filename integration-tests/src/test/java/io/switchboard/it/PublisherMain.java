package io.switchboard.it;

import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * A publisher in its own JVM, so a test can kill it mid-call. Publishes {@code args[1]} with method "hang",
 * whose calls never finish; prints READY once published and HOLDING when a call arrives.
 */
public final class PublisherMain {

    private PublisherMain() {}

    public static void main(String[] args) throws Exception {
        SwitchboardClient client = Fixtures.client(args[0], Codec.CBOR);
        client.publish(
                args[1],
                List.of("hang"),
                call -> {
                    System.out.println("HOLDING " + call.method());
                    System.out.flush();
                    new CountDownLatch(1).await();
                    return null;
                },
                Executors.newCachedThreadPool());
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
