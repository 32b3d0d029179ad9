package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.jca.adapter.TestBed.Greeting;
import io.switchboard.jca.api.SessionDescription;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.server.SwitchboardServer;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.SecurityException;
import jakarta.resource.spi.security.PasswordCredential;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbound contract against a real server: handles, pooling events, credentials, URLs. */
class OutboundConnectionTest {

    private TestBed bed;
    private final TestConnectionManager cm = new TestConnectionManager();
    private SwitchboardManagedConnectionFactory mcf;
    private SwitchboardConnectionFactory factory;

    @BeforeEach
    void start() throws Exception {
        bed = TestBed.start();
        mcf = bed.factory();
        factory = (SwitchboardConnectionFactory) mcf.createConnectionFactory(cm);
    }

    @AfterEach
    void stop() {
        cm.destroyAll();
        bed.close();
    }

    @Test
    void aHandleCallsListsAndPings() throws Exception {
        try (SwitchboardConnection c = factory.getConnection()) {
            assertThat(c.call(TestBed.ALIAS, "echo", new Greeting("Ada", 3), Greeting.class))
                    .isEqualTo(new Greeting("Ada", 3));
            assertThat(c.call(TestBed.ALIAS, "echo", "plain", String.class, Duration.ofSeconds(5)))
                    .isEqualTo("plain");
            assertThat(c.call(TestBed.ALIAS, "echo", new byte[] {1, 2, 3}, byte[].class))
                    .containsExactly(1, 2, 3);
            assertThat(c.callAsync(TestBed.ALIAS, "echo", List.of(1, 2), JsonNode.class)
                            .get(TestBed.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)
                            .toString())
                    .isEqualTo("[1,2]");

            List<SessionDescription> sessions = c.list();
            assertThat(sessions)
                    .containsExactly(
                            new SessionDescription(TestBed.ALIAS, List.of("echo", "fail", "hold"), List.of(), 1));
            assertThat(c.ping()).isPositive();
        }
    }

    @Test
    void closingAHandleReturnsTheConnectionWhichTheNextRequestReuses() throws Exception {
        SwitchboardConnection first = factory.getConnection();
        first.call(TestBed.ALIAS, "echo", "x", String.class);
        first.close();
        first.close(); // idempotent: one event only

        assertThat(cm.closed).hasSize(1);
        ConnectionEvent event = cm.closed.get(0);
        assertThat(event.getConnectionHandle()).isSameAs(first);
        ManagedConnection pooled = (ManagedConnection) event.getSource();
        assertThat(cm.idle()).containsExactly(pooled);
        assertThatThrownBy(() -> first.call(TestBed.ALIAS, "echo", "x", String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");

        try (SwitchboardConnection second = factory.getConnection()) {
            assertThat(second.call(TestBed.ALIAS, "echo", "y", String.class)).isEqualTo("y");
        }
        assertThat(cm.created).containsExactly(pooled);
        assertThat(bed.server.stats().connections())
                .as("publisher + one pooled connection")
                .isEqualTo(2);
    }

    @Test
    void cleanupInvalidatesHandlesTheApplicationForgotToClose() throws Exception {
        ManagedConnection mc = mcf.createManagedConnection(null, null);
        SwitchboardConnection forgotten = (SwitchboardConnection) mc.getConnection(null, null);
        SwitchboardConnection another = (SwitchboardConnection) mc.getConnection(null, null);
        assertThat(forgotten.call(TestBed.ALIAS, "echo", 1, Integer.class)).isEqualTo(1);

        mc.cleanup();

        assertThatThrownBy(() -> forgotten.call(TestBed.ALIAS, "echo", 1, Integer.class))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(another::ping).isInstanceOf(IllegalStateException.class);
        assertThat(((SwitchboardManagedConnection) mc).handleCount()).isZero();
        // The physical connection itself is fine and serves the next handle.
        SwitchboardConnection fresh = (SwitchboardConnection) mc.getConnection(null, null);
        assertThat(fresh.call(TestBed.ALIAS, "echo", 2, Integer.class)).isEqualTo(2);
        mc.destroy();
        assertThatThrownBy(fresh::ping).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHandleCanBeMovedToAnotherManagedConnection() throws Exception {
        SwitchboardManagedConnection one = (SwitchboardManagedConnection) mcf.createManagedConnection(null, null);
        SwitchboardManagedConnection two = (SwitchboardManagedConnection) mcf.createManagedConnection(null, null);
        one.addConnectionEventListener(cm);
        two.addConnectionEventListener(cm);
        SwitchboardConnection handle = (SwitchboardConnection) one.getConnection(null, null);

        two.associateConnection(handle);
        one.destroy(); // the handle no longer depends on it

        assertThat(handle.call(TestBed.ALIAS, "echo", "moved", String.class)).isEqualTo("moved");
        assertThat(one.handleCount()).isZero();
        assertThat(two.handleCount()).isEqualTo(1);
        handle.close();
        assertThat(cm.closed)
                .singleElement()
                .extracting(ConnectionEvent::getSource)
                .isSameAs(two);
        two.destroy();
    }

    @Test
    void connectionsAreMatchedByTheirCredentials() throws Exception {
        SwitchboardConnectionRequestInfo ada = new SwitchboardConnectionRequestInfo("ada", "s3cret");
        SwitchboardConnectionRequestInfo bob = new SwitchboardConnectionRequestInfo("bob", "s3cret");
        ManagedConnection asAda = mcf.createManagedConnection(null, ada);
        ManagedConnection anonymous = mcf.createManagedConnection(null, null);
        Set<ManagedConnection> pool = Set.of(asAda, anonymous);

        assertThat(mcf.matchManagedConnections(pool, null, new SwitchboardConnectionRequestInfo("ada", "s3cret")))
                .isSameAs(asAda);
        assertThat(mcf.matchManagedConnections(pool, null, null)).isSameAs(anonymous);
        assertThat(mcf.matchManagedConnections(pool, null, bob)).isNull();
        assertThat(mcf.matchManagedConnections(pool, null, new SwitchboardConnectionRequestInfo("ada", "wrong")))
                .isNull();

        // Container-managed sign-on: the Subject's PasswordCredential for this factory wins over the request info.
        Subject subject = new Subject();
        PasswordCredential credential = new PasswordCredential("ada", "s3cret".toCharArray());
        credential.setManagedConnectionFactory(mcf);
        subject.getPrivateCredentials().add(credential);
        assertThat(mcf.matchManagedConnections(pool, subject, bob)).isSameAs(asAda);
        assertThat(asAda.getConnection(subject, null)).isInstanceOf(SwitchboardConnection.class);

        // A credential meant for another connection definition is not ours to use.
        Subject foreign = new Subject();
        PasswordCredential other = new PasswordCredential("ada", "s3cret".toCharArray());
        other.setManagedConnectionFactory(bed.factory("tcp://127.0.0.1:1"));
        foreign.getPrivateCredentials().add(other);
        assertThat(mcf.matchManagedConnections(pool, foreign, null)).isSameAs(anonymous);

        // No re-authentication of a physical connection.
        assertThatThrownBy(() -> asAda.getConnection(null, bob))
                .isInstanceOf(SecurityException.class)
                .hasMessageContaining("re-authentication");

        // Connections of another factory never match.
        SwitchboardManagedConnectionFactory otherFactory = bed.factory();
        otherFactory.setClientName("another-definition");
        assertThat(otherFactory.matchManagedConnections(pool, null, null)).isNull();
        asAda.destroy();
        anonymous.destroy();
    }

    @Test
    void theConfiguredUserIsTheDefaultAndGetConnectionWithCredentialsKeepsUsersApart() throws Exception {
        mcf.setUserName("svc");
        mcf.setPassword("pw");
        SwitchboardConnection asService = factory.getConnection();
        asService.close();
        SwitchboardManagedConnection pooled =
                (SwitchboardManagedConnection) cm.created.iterator().next();
        assertThat(pooled.getMetaData().getUserName()).isEqualTo("svc");

        try (SwitchboardConnection asAda = factory.getConnection("ada", "pw")) {
            assertThat(asAda.call(TestBed.ALIAS, "echo", "hi", String.class)).isEqualTo("hi");
        }
        assertThat(cm.created).hasSize(2);
        try (SwitchboardConnection again = factory.getConnection()) {
            again.ping();
        }
        assertThat(cm.created).as("the service user's connection was reused").hasSize(2);
    }

    @Test
    void failoverTriesTheUrlsInOrder() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        mcf.setServerUrls("tcp://127.0.0.1:" + dead + ", " + bed.tcpUrl());
        try (SwitchboardConnection c = factory.getConnection()) {
            assertThat(c.call(TestBed.ALIAS, "echo", "via failover", String.class))
                    .isEqualTo("via failover");
        }
        ManagedConnection mc = cm.created.iterator().next();
        assertThat(mc.getMetaData().getEISProductName()).contains(bed.tcpUrl());
    }

    @Test
    void registryUrlsResolveTheServerByName() throws Exception {
        // The server registers its own listeners under its name: the adapter finds it through its registry.
        String name = bed.server.config().name();
        mcf.setServerUrls("registry://127.0.0.1:" + bed.server.tcpPort() + "/" + name);
        try (SwitchboardConnection c = factory.getConnection()) {
            assertThat(c.call(TestBed.ALIAS, "echo", "found by name", String.class))
                    .isEqualTo("found by name");
        }
    }

    @Test
    void unixSocketUrlsWork(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("sb.sock");
        try (SwitchboardServer unixServer = SwitchboardServer.start(
                TestBed.serverConfig().unixSocket(socket).build())) {
            bed.publishDemo("tcp://127.0.0.1:" + unixServer.tcpPort(), null);
            mcf.setServerUrls("unix://" + socket.toAbsolutePath());
            try (SwitchboardConnection c = factory.getConnection()) {
                assertThat(c.call(TestBed.ALIAS, "echo", "over unix", String.class))
                        .isEqualTo("over unix");
            }
        }
    }

    @Test
    void connectionsCanBeMadeBeforeTheContainerStartsTheAdapter() throws Exception {
        // IronJacamar's pool prefill may run before ResourceAdapter.start(): the shared threads start on demand.
        SwitchboardResourceAdapter notYetStarted = new SwitchboardResourceAdapter();
        SwitchboardManagedConnectionFactory early = bed.factory();
        early.setResourceAdapter(notYetStarted);
        ManagedConnection prefilled = early.createManagedConnection(null, null);
        try {
            notYetStarted.start(null);
            SwitchboardConnection c = (SwitchboardConnection) prefilled.getConnection(null, null);
            assertThat(c.call(TestBed.ALIAS, "echo", "early", String.class)).isEqualTo("early");
        } finally {
            prefilled.destroy();
            notYetStarted.stop();
        }
    }

    @Test
    void anUnreachableServerFailsGetConnectionWithTheReason() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        mcf.setServerUrls("tcp://127.0.0.1:" + dead);
        assertThatThrownBy(() -> factory.getConnection())
                .isInstanceOf(io.switchboard.jca.api.ConnectionFailedException.class)
                .hasMessageContaining("cannot connect")
                .hasMessageContaining(String.valueOf(dead));
    }
}
