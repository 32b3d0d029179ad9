package io.switchboard.benchmarks.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.testsupport.ListenPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The floor relay and its clients over real loopback sockets: every byte comes back exactly, in order. */
class FloorRelayTest {

    private static final String HOST = "127.0.0.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private FloorRelay relay;

    @BeforeEach
    void startRelay() throws InterruptedException {
        relay = FloorRelay.start(HOST, ListenPorts.free(), 0, 0, 0, 64);
    }

    @AfterEach
    void stopRelay() {
        relay.close();
    }

    private static byte[] random(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void sequentialCallsComeBackByteForByte() throws Exception {
        Random random = new Random(18);
        try (FloorClients clients = FloorClients.connect(HOST, relay.port(), TIMEOUT)) {
            for (int i = 0; i < 200; i++) {
                byte[] body = random(random, 64);
                assertThat(clients.call(body).get(10, TimeUnit.SECONDS)).isEqualTo(body);
            }
        }
    }

    @Test
    void pipelinedCallsEachGetTheirOwnBytesInOrder() throws Exception {
        Random random = new Random(64);
        try (FloorClients clients = FloorClients.connect(HOST, relay.port(), TIMEOUT)) {
            List<byte[]> bodies = new ArrayList<>();
            List<CompletableFuture<byte[]>> replies = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                byte[] body = random(random, 64);
                bodies.add(body);
                replies.add(clients.call(body));
            }
            for (int i = 0; i < bodies.size(); i++) {
                assertThat(replies.get(i).get(10, TimeUnit.SECONDS))
                        .as("call %d", i)
                        .isEqualTo(bodies.get(i));
            }
        }
    }

    @Test
    void bodiesOfAnySizeAreReassembledAcrossReads() throws Exception {
        Random random = new Random(7);
        try (FloorClients clients = FloorClients.connect(HOST, relay.port(), TIMEOUT)) {
            for (int length : new int[] {1, 63, 257, 70_000, 1_000_000}) {
                byte[] body = random(random, length);
                assertThat(clients.call(body).get(10, TimeUnit.SECONDS))
                        .as("%d bytes", length)
                        .isEqualTo(body);
            }
            assertThatThrownBy(() -> clients.call(new byte[0])).hasMessageContaining("at least one byte");
        }
    }

    @Test
    void theRelayServesOnePairAndRefusesASecondCallerOrAnUnknownRole() throws Exception {
        try (FloorClients clients = FloorClients.connect(HOST, relay.port(), TIMEOUT)) {
            try (Socket second = new Socket()) {
                second.connect(new InetSocketAddress(HOST, relay.port()), 5_000);
                second.setSoTimeout(10_000);
                OutputStream out = second.getOutputStream();
                out.write(FloorRelay.CALLER);
                out.flush();
                // Closed without the ACCEPTED byte.
                assertThat(second.getInputStream().read()).isEqualTo(-1);
            }
            assertThat(refusedAfter((byte) 'X')).isTrue();
            // The pair still works.
            byte[] body = {1, 2, 3};
            assertThat(clients.call(body).get(10, TimeUnit.SECONDS)).isEqualTo(body);
        }
    }

    @Test
    void aNewPairMayConnectOnceTheFirstHasLeft() throws Exception {
        try (FloorClients first = FloorClients.connect(HOST, relay.port(), TIMEOUT)) {
            assertThat(first.call(new byte[] {9}).get(10, TimeUnit.SECONDS)).containsExactly(9);
        }
        // The relay frees the slots when it sees the connections close: retry until then, with a deadline.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            try (FloorClients second = FloorClients.connect(HOST, relay.port(), TIMEOUT)) {
                assertThat(second.call(new byte[] {4, 2}).get(10, TimeUnit.SECONDS))
                        .containsExactly(4, 2);
                return;
            } catch (IOException stillTaken) {
                if (System.nanoTime() - deadline > 0) {
                    throw stillTaken;
                }
                Thread.sleep(20);
            }
        }
    }

    @Test
    void callsFailInsteadOfHangingWhenTheRelayGoes() throws Exception {
        try (FloorClients clients = FloorClients.connect(HOST, relay.port(), TIMEOUT)) {
            assertThat(clients.call(new byte[] {1}).get(10, TimeUnit.SECONDS)).containsExactly(1);
            relay.close();
            // Sent before or after the caller's connection is seen closed: either way the call fails, well before
            // the 10 s a benchmark call would wait.
            CompletableFuture<byte[]> call = clients.call(new byte[] {2});
            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IOException.class)
                    .hasMessageContaining("the relay closed");
        }
    }

    private boolean refusedAfter(byte role) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, relay.port()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(role);
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        }
    }
}
