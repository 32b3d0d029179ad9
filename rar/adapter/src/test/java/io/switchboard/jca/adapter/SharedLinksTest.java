package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.jca.api.SwitchboardConnection;
import jakarta.resource.spi.ConnectionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Managed connections sharing physical connections ({@code sharedConnections}, {@link SharedLinks}, {@link
 * PhysicalLink}), observed on a real server: how many connections it holds, which calls go through, which events
 * the container hears.
 */
class SharedLinksTest {

    private TestBed bed;
    private TcpProxy proxy;
    private final List<SwitchboardManagedConnection> opened = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start();
        proxy = new TcpProxy(bed.server.tcpPort());
    }

    @AfterEach
    void stop() throws Exception {
        opened.forEach(SwitchboardManagedConnection::destroy);
        proxy.close();
        bed.close();
    }

    private SwitchboardManagedConnectionFactory factory(String url, int sharedConnections) throws Exception {
        SwitchboardManagedConnectionFactory f = bed.factory(url);
        f.setSharedConnections(sharedConnections);
        return f;
    }

    private SwitchboardManagedConnection open(SwitchboardManagedConnectionFactory f) throws Exception {
        SwitchboardManagedConnection mc = (SwitchboardManagedConnection) f.createManagedConnection(null, null);
        opened.add(mc);
        return mc;
    }

    private static String echo(SwitchboardManagedConnection mc, String text) throws Exception {
        try (SwitchboardConnection c = OpenedConnections.handle(mc)) {
            return c.call(TestBed.ALIAS, "echo", text, String.class);
        }
    }

    /** The server's client connections besides the test bed's publisher. */
    private int serverConnections(int publishers) {
        return bed.server.stats().connections() - publishers;
    }

    private void awaitServerConnections(int publishers, int expected) {
        TestBed.await(
                expected + " adapter connection(s) on the server", () -> serverConnections(publishers) == expected);
    }

    @Test
    void managedConnectionsOfOneIdentityShareAtMostTheConfiguredPhysicalConnectionsAndCallConcurrently()
            throws Exception {
        int publishers = bed.server.stats().connections();
        SwitchboardManagedConnectionFactory f = factory(bed.tcpUrl(), 2);
        for (int i = 0; i < 6; i++) {
            open(f);
        }
        awaitServerConnections(publishers, 2);
        assertThat(f.sharedLinks().usableLinks(Credentials.NONE, f.settings())).isEqualTo(2);

        List<SwitchboardConnection> handles = new ArrayList<>();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (SwitchboardManagedConnection mc : opened) {
            SwitchboardConnection handle = OpenedConnections.handle(mc);
            handles.add(handle);
            for (int call = 0; call < 10; call++) {
                answers.add(handle.callAsync(TestBed.ALIAS, "echo", "c" + handles.size() + "." + call, String.class));
            }
        }
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo("c" + (i / 10 + 1) + "." + (i % 10));
        }
        handles.forEach(SwitchboardConnection::close);
        assertThat(serverConnections(publishers)).isEqualTo(2);
    }

    @Test
    void anIdentityWhoseLinksAreAllReleasedIsForgotten() throws Exception {
        SwitchboardManagedConnectionFactory f = factory(bed.tcpUrl(), 2);
        ConnectionSettings settings = f.settings();
        SharedLinks links = new SharedLinks();
        SharedLinks.Opener opener = () -> PhysicalLink.open(
                settings,
                Credentials.NONE,
                bed.adapter.clientResources(),
                0,
                f.statistics(),
                bed.adapter.blockingWork());
        Credentials ann = new Credentials("ann", "pw");
        Credentials bob = new Credentials("bob", "pw");
        PhysicalLink anns = links.acquire(ann, settings, 2, opener);
        PhysicalLink bobs = links.acquire(bob, settings, 2, opener);
        assertThat(links.identities()).isEqualTo(2);

        anns.release(null);
        PhysicalLink bobsSecond = links.acquire(bob, settings, 2, opener);
        assertThat(links.identities())
                .as("ann's identity, without a link any more, is forgotten")
                .isEqualTo(1);
        PhysicalLink annsNext = links.acquire(ann, settings, 2, opener);
        assertThat(annsNext).as("a fresh link, not the closed one").isNotSameAs(anns);
        assertThat(annsNext.isUsable()).isTrue();
        assertThat(links.identities()).isEqualTo(2);
        for (PhysicalLink link : List.of(bobs, bobsSecond, annsNext)) {
            link.release(null);
        }
    }

    @Test
    void linksAreHandedOutLeastUsedFirstAndOnlyWithinOneIdentity() throws Exception {
        SwitchboardManagedConnectionFactory f = factory(bed.tcpUrl(), 2);
        ConnectionSettings settings = f.settings();
        SharedLinks links = new SharedLinks();
        List<PhysicalLink> opened = new ArrayList<>();
        SharedLinks.Opener opener = () -> {
            PhysicalLink link = PhysicalLink.open(
                    settings,
                    Credentials.NONE,
                    bed.adapter.clientResources(),
                    opened.size(),
                    f.statistics(),
                    bed.adapter.blockingWork());
            opened.add(link);
            return link;
        };
        Credentials ann = new Credentials("ann", "pw");
        Credentials bob = new Credentials("bob", "pw");
        try {
            PhysicalLink first = links.acquire(ann, settings, 2, opener);
            PhysicalLink second = links.acquire(ann, settings, 2, opener);
            assertThat(second).as("a second link while fewer than two").isNotSameAs(first);
            assertThat(links.acquire(ann, settings, 2, opener)).isSameAs(first);
            assertThat(links.acquire(ann, settings, 2, opener))
                    .as("the least used")
                    .isSameAs(second);
            assertThat(first.references()).isEqualTo(2);
            second.release(null);
            assertThat(links.acquire(ann, settings, 2, opener))
                    .as("the least used after a release")
                    .isSameAs(second);
            assertThat(opened).hasSize(2);

            PhysicalLink bobs = links.acquire(bob, settings, 2, opener);
            assertThat(bobs).as("another user never gets ann's").isNotIn(first, second);
            assertThat(links.acquire(new Credentials("ann", "other"), settings, 2, opener))
                    .as("the same user with another password is another identity")
                    .isNotIn(first, second, bobs);
            f.setPingTimeout(30); // any property change: new settings, new links
            assertThat(links.acquire(ann, f.settings(), 2, opener)).isNotIn(first, second);
            assertThat(opened).hasSize(5);
            assertThat(links.usableLinks(ann, settings)).isEqualTo(2);
        } finally {
            for (PhysicalLink link : opened) {
                while (link.references() > 0 && link.isUsable()) {
                    link.release(null);
                }
            }
        }
        assertThat(opened).allSatisfy(link -> assertThat(link.isUsable()).isFalse());
        assertThat(links.usableLinks(ann, settings)).isZero();
    }

    @Test
    void zeroGivesEveryManagedConnectionItsOwnPhysicalConnection() throws Exception {
        int publishers = bed.server.stats().connections();
        SwitchboardManagedConnectionFactory f = factory(bed.tcpUrl(), 0);
        for (int i = 0; i < 3; i++) {
            open(f);
        }
        awaitServerConnections(publishers, 3);
        assertThat(f.sharedLinks().usableLinks(Credentials.NONE, f.settings())).isZero();
    }

    @Test
    void aSharedConnectionStaysOpenWhileAnyManagedConnectionUsesItAndTheLastReleaseClosesIt() throws Exception {
        int publishers = bed.server.stats().connections();
        SwitchboardManagedConnectionFactory f = factory(bed.tcpUrl(), 1);
        SwitchboardManagedConnection holder = open(f);
        SwitchboardManagedConnection second = open(f);
        SwitchboardManagedConnection third = open(f);
        awaitServerConnections(publishers, 1);

        SwitchboardConnection held = OpenedConnections.handle(holder);
        CompletableFuture<String> inFlight = held.callAsync(TestBed.ALIAS, "hold", null, String.class);
        bed.awaitHolding(1);
        second.destroy();
        third.destroy();
        assertThat(echo(holder, "still open")).isEqualTo("still open");
        bed.releaseHeld();
        assertThat(inFlight.get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo("released");
        assertThat(serverConnections(publishers)).isEqualTo(1);

        holder.destroy();
        awaitServerConnections(publishers, 0);
        assertThat(f.sharedLinks().usableLinks(Credentials.NONE, f.settings())).isZero();

        SwitchboardManagedConnection fresh = open(f);
        assertThat(echo(fresh, "fresh")).isEqualTo("fresh");
        awaitServerConnections(publishers, 1);
    }

    @Test
    void aLostSharedConnectionTellsEveryManagedConnectionOnItWithItselfAsSource() throws Exception {
        SwitchboardManagedConnectionFactory f = factory(proxy.url(), 1);
        List<ConnectionEventRecorder> recorders = openThreeListenedTo(f);
        for (SwitchboardManagedConnection mc : opened) {
            assertThat(echo(mc, "before")).isEqualTo("before");
        }

        proxy.cut();

        awaitEachToldOf("the loss", "lost", recorders);
        assertThat(recorders)
                .allSatisfy(r -> assertThat(r.errors)
                        .singleElement()
                        .extracting(ConnectionEvent::getId)
                        .isEqualTo(ConnectionEvent.CONNECTION_ERROR_OCCURRED));
        assertThat(f.sharedLinks().usableLinks(Credentials.NONE, f.settings())).isZero();

        SwitchboardManagedConnection fresh = open(f);
        assertThat(echo(fresh, "after")).as("a fresh physical connection").isEqualTo("after");
        assertThat(f.sharedLinks().usableLinks(Credentials.NONE, f.settings())).isEqualTo(1);
        assertThat(recorders).allSatisfy(r -> assertThat(r.errors).hasSize(1));
    }

    @Test
    void aShutdownAnnouncementTellsEveryManagedConnectionOnTheSharedConnection() throws Exception {
        List<ConnectionEventRecorder> recorders = openThreeListenedTo(factory(bed.tcpUrl(), 1));

        bed.server.shutdown("maintenance");

        awaitEachToldOf("the SHUTDOWN", "shutting down", recorders);
    }

    /**
     * The loss and shutdown tests' setup: three managed connections of {@code f} (one shared physical connection),
     * each with a recorder of the events the container hears, in the order of {@link #opened}.
     */
    private List<ConnectionEventRecorder> openThreeListenedTo(SwitchboardManagedConnectionFactory f) throws Exception {
        List<ConnectionEventRecorder> recorders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ConnectionEventRecorder recorder = new ConnectionEventRecorder();
            open(f).addConnectionEventListener(recorder);
            recorders.add(recorder);
        }
        return recorders;
    }

    /**
     * Waits until each managed connection of {@link #openThreeListenedTo} has heard {@code what}: its first error
     * event has itself as source and an exception saying {@code message}, and it is no longer usable.
     */
    private void awaitEachToldOf(String what, String message, List<ConnectionEventRecorder> recorders) {
        for (int i = 0; i < recorders.size(); i++) {
            ConnectionEventRecorder recorder = recorders.get(i);
            SwitchboardManagedConnection mc = opened.get(i);
            TestBed.await(what + " is reported to managed connection " + i, () -> !recorder.errors.isEmpty());
            assertThat(recorder.errors.get(0).getSource()).isSameAs(mc);
            assertThat(recorder.errors.get(0).getException()).hasMessageContaining(message);
            assertThat(mc.isUsable()).isFalse();
        }
    }

    @Test
    void aManagedConnectionAskedForXaMovesToAPhysicalConnectionOfItsOwn() throws Exception {
        int publishers = bed.server.stats().connections();
        SwitchboardManagedConnectionFactory f = factory(bed.tcpUrl(), 1);
        SwitchboardManagedConnection xa = open(f);
        SwitchboardManagedConnection other = open(f);
        SwitchboardConnection handleBeforeTheMove = OpenedConnections.handle(xa);
        awaitServerConnections(publishers, 1);

        assertThat(xa.getXAResource()).isNotNull();

        awaitServerConnections(publishers, 2);
        assertThat(handleBeforeTheMove.call(TestBed.ALIAS, "echo", "moved", String.class))
                .isEqualTo("moved");
        assertThat(echo(other, "stayed")).isEqualTo("stayed");
        xa.destroy();
        awaitServerConnections(publishers, 1);
        assertThat(echo(other, "unaffected")).isEqualTo("unaffected");
    }
}
