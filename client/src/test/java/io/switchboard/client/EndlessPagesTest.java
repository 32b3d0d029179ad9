package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.Welcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A hostile server answers LIST with pages that never end (docs/protocol.md, "Paged answers": every page but the
 * last says {@code more}). The client refuses that one answer at {@code maxListBytes}; the connection and the
 * other requests, paged ones included, go on.
 */
class EndlessPagesTest {

    private static final long LIMIT = 64 * 1024;
    /** Only so a client without the limit ends the test instead of hanging: far beyond the limit. */
    private static final int SAFETY_PAGES = 2000;

    private static List<Listing.SessionInfo> page(int n) {
        List<Listing.SessionInfo> sessions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<String> methods = new ArrayList<>();
            for (int m = 0; m < 10; m++) {
                methods.add("method-" + m + "-of-a-rather-long-name");
            }
            sessions.add(new Listing.SessionInfo("s" + n + "." + i, methods, List.of(), 1));
        }
        return sessions;
    }

    @Test
    void endlessPagesFailThatRequestOnlyAndTheConnectionGoesOn() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger pagesSent = new AtomicInteger();
        CountDownLatch pagerDone = new CountDownLatch(1);
        AtomicInteger lists = new AtomicInteger();
        try (ScriptedServer server = new ScriptedServer(peer -> {
            peer.handshake(new Welcome(
                    Protocol.VERSION,
                    "hostile",
                    List.of(),
                    "json",
                    Protocol.DEFAULT_MAX_FRAME_SIZE,
                    30_000,
                    new Welcome.Limits(30_000, 300_000, 1024)));
            Thread reader = new Thread(peer::readUntilClosed, "scripted-reader");
            reader.setDaemon(true);
            reader.start();
            try {
                while (!peer.sawEndOfStream) {
                    Message m = peer.received.poll(50, TimeUnit.MILLISECONDS);
                    if (m instanceof ListSessions ls && lists.incrementAndGet() == 1) {
                        Thread pager = new Thread(
                                () -> {
                                    // Endless: more and more pages, until the test has seen what it needs.
                                    int n = 0;
                                    while (!stop.get() && n < SAFETY_PAGES) {
                                        peer.write(new Listing(ls.req(), page(n++), true));
                                        pagesSent.incrementAndGet();
                                    }
                                    peer.write(new Listing(ls.req(), page(n)));
                                    pagerDone.countDown();
                                },
                                "scripted-pager");
                        pager.setDaemon(true);
                        pager.start();
                    } else if (m instanceof ListSessions ls) {
                        peer.write(new Listing(
                                ls.req(), List.of(new Listing.SessionInfo("calm", List.of("m"), List.of(), 1))));
                    } else if (m instanceof Ping p) {
                        peer.write(new Pong(p.id()));
                    } else if (m instanceof Resolve r) {
                        Entries.Entry a = new Entries.Entry("e1", List.of("tcp://a:1"), Map.of(), null);
                        Entries.Entry b = new Entries.Entry("e2", List.of("tcp://b:1"), Map.of("k", "v"), null);
                        peer.write(new Entries(r.req(), r.name(), List.of(a), true));
                        peer.write(new Entries(r.req(), r.name(), List.of(b)));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        })) {
            try (SwitchboardClient client = SwitchboardClient.connect(ClientOptions.builder()
                    .url(server.url())
                    .callTimeout(Duration.ofSeconds(30))
                    .maxListBytes(LIMIT)
                    .build())) {
                ListTooLargeException e = catchThrowableOfType(ListTooLargeException.class, client::list);
                assertThat(e.getMessage()).contains("maxListBytes").contains(Long.toString(LIMIT));
                assertThat(pagesSent.get()).isLessThan(SAFETY_PAGES);

                // The pages keep coming; everything else on the connection is answered meanwhile.
                assertThat(client.ping()).isNotNull();
                assertThat(client.resolve("both")).extracting(Entries.Entry::id).containsExactly("e1", "e2");

                stop.set(true);
                assertThat(pagerDone.await(30, TimeUnit.SECONDS)).isTrue();
                // The refused answer's last page ends it without being taken for a new answer.
                assertThat(client.list()).extracting(SessionInfo::alias).containsExactly("calm");
                assertThat(server.connections()).isEqualTo(1);
                assertThat(client.isConnected()).isTrue();
            }
        } finally {
            stop.set(true);
        }
    }

    @Test
    void limitBelowAKilobyteIsRefused() {
        IllegalArgumentException e = catchThrowableOfType(
                IllegalArgumentException.class,
                () -> ClientOptions.builder()
                        .url("tcp://127.0.0.1:1")
                        .maxListBytes(10)
                        .build());
        assertThat(e.getMessage()).contains("maxListBytes");
        assertThat(ClientOptions.builder().url("tcp://127.0.0.1:1").build().maxListBytes())
                .isEqualTo(64L << 20);
    }
}
