package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.switchboard.jca.api.ConnectionFailedException;
import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardException;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.SecurityException;
import jakarta.resource.spi.security.PasswordCredential;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.Subject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-on over tls:// against a server with authentication: which user a pooled connection logs in as (container-
 * managed Subject, component-managed request info, configured userName), that users never share connections, and
 * that refused credentials fail clearly and back off. The user is checked on the server side: alice may call
 * {@code demo}, bob may not.
 */
class SignOnTest {

    @TempDir
    static Path dir;

    private static SecureServer secure;
    private static final SwitchboardResourceAdapter adapter = new SwitchboardResourceAdapter();

    @BeforeAll
    static void start() throws Exception {
        secure = new SecureServer(dir);
        adapter.start(null);
    }

    @AfterAll
    static void stop() {
        adapter.stop();
        secure.close();
    }

    private static SwitchboardManagedConnectionFactory factory() throws Exception {
        SwitchboardManagedConnectionFactory f = new SwitchboardManagedConnectionFactory();
        f.setServerUrls(secure.url());
        f.setTlsTrustCertificates(secure.ca.caFile().toString());
        f.setCallTimeoutMillis(SecureServer.PATIENCE.toMillis());
        f.setConnectTimeoutMillis(SecureServer.PATIENCE.toMillis());
        f.setResourceAdapter(adapter);
        return f;
    }

    private static Subject subjectWith(PasswordCredential... credentials) {
        Subject subject = new Subject();
        subject.getPrivateCredentials().addAll(Set.of(credentials));
        return subject;
    }

    private static PasswordCredential credential(SwitchboardManagedConnectionFactory f, String user, String pw) {
        PasswordCredential pc = new PasswordCredential(user, pw.toCharArray());
        pc.setManagedConnectionFactory(f);
        return pc;
    }

    /** Calls demo.echo on a handle of {@code mc}: succeeds for alice, forbidden for everybody else. */
    private static String echo(ManagedConnection mc, Subject subject, SwitchboardConnectionRequestInfo info)
            throws Exception {
        try (SwitchboardConnection c = (SwitchboardConnection) mc.getConnection(subject, info)) {
            return c.call("demo", "echo", "hi", String.class);
        }
    }

    @Test
    void theSubjectsPasswordCredentialForThisFactoryIsTheHelloUser() throws Exception {
        SwitchboardManagedConnectionFactory f = factory();
        f.setUserName("bob"); // configured, but the container's Subject wins
        f.setPassword("bob-pw");
        Subject alice = subjectWith(credential(factory(), "mallory", "x"), credential(f, "alice", "alice-pw"));
        ManagedConnection mc = f.createManagedConnection(alice, null);
        try {
            assertThat(mc.getMetaData().getUserName()).isEqualTo("alice");
            assertThat(echo(mc, alice, null)).isEqualTo("hi");
        } finally {
            mc.destroy();
        }
    }

    @Test
    void aCredentialForAnotherFactoryIsNeverUsed() throws Exception {
        SwitchboardManagedConnectionFactory f = factory();
        f.setClientName("this-one");
        SwitchboardManagedConnectionFactory other = factory();
        other.setClientName("another-one");
        f.setUserName("bob");
        f.setPassword("bob-pw");
        Subject forOther = subjectWith(credential(other, "alice", "alice-pw"));
        ManagedConnection mc = f.createManagedConnection(forOther, null);
        try {
            assertThat(mc.getMetaData().getUserName())
                    .as("the configured user, not the other's")
                    .isEqualTo("bob");
            SwitchboardException refused =
                    catchThrowableOfType(SwitchboardException.class, () -> echo(mc, forOther, null));
            assertThat(refused.code()).as("bob may not call demo").isEqualTo("forbidden");
        } finally {
            mc.destroy();
        }
    }

    @Test
    void componentManagedSignOnUsesTheRequestInfo() throws Exception {
        SwitchboardManagedConnectionFactory f = factory();
        TestConnectionManager cm = new TestConnectionManager();
        SwitchboardConnectionFactoryImpl cf = (SwitchboardConnectionFactoryImpl) f.createConnectionFactory(cm);
        try (SwitchboardConnection c = cf.getConnection("alice", "alice-pw")) {
            assertThat(c.call("demo", "echo", "x", String.class)).isEqualTo("x");
        }
        try (SwitchboardConnection c = cf.getConnection("bob", "bob-pw")) {
            assertThatThrownBy(() -> c.call("demo", "echo", "x", String.class))
                    .isInstanceOf(SwitchboardException.class)
                    .extracting(e -> ((SwitchboardException) e).code())
                    .isEqualTo("forbidden");
        }
        assertThat(cm.created).as("alice's idle connection was not lent to bob").hasSize(2);
        try (SwitchboardConnection c = cf.getConnection("alice", "alice-pw")) {
            assertThat(c.call("demo", "echo", "y", String.class)).isEqualTo("y");
        }
        assertThat(cm.created).as("alice's connection reused for alice").hasSize(2);
        assertThatThrownBy(() -> cf.getConnection("alice", "wrong-pw"))
                .isInstanceOf(ConnectionFailedException.class)
                .hasMessageContaining("unauthorized")
                .hasMessageContaining("user alice")
                .hasMessageNotContaining("wrong-pw");
        cm.created.forEach(SignOnTest::destroyQuietly);
    }

    @Test
    void matchingNeverReturnsAnotherUsersConnectionAndGetConnectionRechecks() throws Exception {
        SwitchboardManagedConnectionFactory f = factory();
        Subject alice = subjectWith(credential(f, "alice", "alice-pw"));
        Subject bob = subjectWith(credential(f, "bob", "bob-pw"));
        ManagedConnection aliceMc = f.createManagedConnection(alice, null);
        ManagedConnection bobMc = f.createManagedConnection(bob, null);
        try {
            Set<ManagedConnection> idle = new HashSet<>(Set.of(aliceMc, bobMc));
            assertThat(f.matchManagedConnections(idle, alice, null)).isSameAs(aliceMc);
            assertThat(f.matchManagedConnections(idle, bob, null)).isSameAs(bobMc);
            assertThat(f.matchManagedConnections(Set.of(aliceMc), bob, null)).isNull();
            Subject wrongPassword = subjectWith(credential(f, "alice", "guess"));
            assertThat(f.matchManagedConnections(Set.of(aliceMc), wrongPassword, null))
                    .as("same user, other password")
                    .isNull();
            assertThat(f.matchManagedConnections(
                            Set.of(aliceMc), null, new SwitchboardConnectionRequestInfo("alice", "alice-pw")))
                    .isSameAs(aliceMc);

            assertThatThrownBy(() -> aliceMc.getConnection(bob, null))
                    .isInstanceOf(SecurityException.class)
                    .hasMessageContaining("user alice")
                    .hasMessageContaining("user bob")
                    .hasMessageNotContaining("alice-pw")
                    .hasMessageNotContaining("bob-pw");
            assertThat(bobMc.getMetaData().getUserName()).isEqualTo("bob");
        } finally {
            aliceMc.destroy();
            bobMc.destroy();
        }
    }

    @Test
    void twoUsersNeverShareAPhysicalConnection() throws Exception {
        SwitchboardManagedConnectionFactory f = factory();
        f.setSharedConnections(1);
        Subject alice = subjectWith(credential(f, "alice", "alice-pw"));
        Subject bob = subjectWith(credential(f, "bob", "bob-pw"));
        // Earlier tests' connections close asynchronously: count from the publisher's alone.
        Poll.until(
                "only the publisher connected", () -> secure.server.stats().connections() == 1, SecureServer.PATIENCE);
        int before = 1;
        List<ManagedConnection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                opened.add(f.createManagedConnection(alice, null));
                opened.add(f.createManagedConnection(bob, null));
            }
            Poll.until(
                    "one physical connection per user",
                    () -> secure.server.stats().connections() == before + 2,
                    SecureServer.PATIENCE);
            for (int i = 0; i < opened.size(); i += 2) {
                // The server decides by the connection's login: alice may call demo, bob may not.
                assertThat(echo(opened.get(i), alice, null)).isEqualTo("hi");
                ManagedConnection bobs = opened.get(i + 1);
                SwitchboardException refused =
                        catchThrowableOfType(SwitchboardException.class, () -> echo(bobs, bob, null));
                assertThat(refused.code()).as("bob may not call demo").isEqualTo("forbidden");
            }
        } finally {
            opened.forEach(SignOnTest::destroyQuietly);
        }
    }

    @Test
    void aWrongPasswordIsAClearUnauthorizedErrorAndBacksOff() throws Exception {
        SwitchboardManagedConnectionFactory f = factory();
        f.signOnBackoff(new SignOnBackoff(Duration.ofSeconds(30), Duration.ofSeconds(60)));
        Subject wrong = subjectWith(credential(f, "alice", "not-her-password"));
        long before = secure.server.stats().authFailures();

        SecurityException first =
                catchThrowableOfType(SecurityException.class, () -> f.createManagedConnection(wrong, null));
        assertThat(first.getErrorCode()).isEqualTo("unauthorized");
        assertThat(first.getMessage())
                .contains("unauthorized")
                .contains("user alice")
                .doesNotContain("not-her");
        long afterFirst = secure.server.stats().authFailures();
        assertThat(afterFirst).isGreaterThan(before);

        SecurityException again =
                catchThrowableOfType(SecurityException.class, () -> f.createManagedConnection(wrong, null));
        assertThat(again.getErrorCode()).isEqualTo("unauthorized");
        assertThat(again.getMessage()).contains("not trying again");
        assertThat(secure.server.stats().authFailures())
                .as("the retry inside the backoff did not try to log in")
                .isEqualTo(afterFirst);

        // Other credentials are not held back by alice's refusal.
        ManagedConnection ok = f.createManagedConnection(subjectWith(credential(f, "alice", "alice-pw")), null);
        ok.destroy();
    }

    @Test
    void aMissingTrustFileFailsNamingTheProperty() throws Exception {
        SwitchboardManagedConnectionFactory f = factory();
        f.setTlsTrustCertificates(dir.resolve("nope.pem").toString());
        assertThatThrownBy(() -> f.createConnectionFactory(new TestConnectionManager()))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("tlsTrustCertificates")
                .hasMessageContaining("does not exist");
        SwitchboardManagedConnectionFactory g = factory();
        g.setTlsTrustCertificates(null);
        g.setTlsKeyStorePassword("secret");
        assertThatThrownBy(() -> g.createConnectionFactory(new TestConnectionManager()))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("tlsKeyStore")
                .hasMessageNotContaining("secret");
    }

    @Test
    void aTrustStoreWorksAsWellAsAPemFile() throws Exception {
        SwitchboardManagedConnectionFactory f = factory();
        f.setTlsTrustCertificates(null);
        f.setTlsTrustStore(
                secure.ca.trustStore("trust.p12", "store-pw".toCharArray()).toString());
        f.setTlsTrustStorePassword("store-pw");
        f.setUserName("alice");
        f.setPassword("alice-pw");
        ManagedConnection mc = f.createManagedConnection(null, null);
        try {
            assertThat(echo(mc, null, null)).isEqualTo("hi");
        } finally {
            mc.destroy();
        }
    }

    @Test
    void anUntrustedServerIsRefused() throws Exception {
        SwitchboardManagedConnectionFactory f = factory();
        f.setTlsTrustCertificates(null); // the JVM's CAs do not know the test CA
        f.setUserName("alice");
        f.setPassword("alice-pw");
        assertThatThrownBy(() -> f.createManagedConnection(null, null))
                .isInstanceOf(jakarta.resource.ResourceException.class)
                .hasMessageContaining("cannot connect");
    }

    private static void destroyQuietly(ManagedConnection mc) {
        try {
            mc.destroy();
        } catch (Exception ignored) {
            // teardown
        }
    }
}
