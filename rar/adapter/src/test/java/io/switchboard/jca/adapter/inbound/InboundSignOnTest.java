package io.switchboard.jca.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.CallException;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.TlsOptions;
import io.switchboard.jca.adapter.Poll;
import io.switchboard.jca.adapter.SecureServer;
import io.switchboard.jca.adapter.SwitchboardResourceAdapter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message-driven bean's activation logging in with its {@code userName}/{@code password} over tls://, trusting the
 * CA the resource adapter names: published only with the right password (the server lets only {@code mdb} publish
 * {@code shop}); a wrong one keeps the activation retrying with backoff, and the adapter serves the others.
 */
class InboundSignOnTest {

    @TempDir
    Path dir;

    private SecureServer secure;
    private final TestBootstrapContext context = new TestBootstrapContext();
    private final SwitchboardResourceAdapter adapter = new SwitchboardResourceAdapter();
    private SwitchboardClient alice;

    @BeforeEach
    void start() throws Exception {
        Shop.running.set(0);
        Shop.mostRunning.set(0);
        Shop.gate = new CountDownLatch(0);
        secure = new SecureServer(dir);
        adapter.setServerUrls(secure.url());
        adapter.setTlsTrustCertificates(secure.ca.caFile().toString());
        adapter.start(context);
        alice = SwitchboardClient.connect(ClientOptions.builder()
                .url(secure.url())
                .tls(TlsOptions.builder().trustCertificates(secure.ca.caFile()).build())
                .user("alice", "alice-pw")
                .connectTimeout(SecureServer.PATIENCE)
                .callTimeout(SecureServer.PATIENCE)
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        adapter.stop();
        alice.close();
        secure.close();
        context.workManager.shutdown();
    }

    /** Whether alice's call to shop gets an answer (her user may call shop, not list what she may not see). */
    private boolean shopAnswers() {
        try {
            alice.call("shop", "count", 1, Long.class);
            return true;
        } catch (CallException e) {
            return false;
        }
    }

    private SwitchboardActivationSpec shopAs(String user, String password) throws Exception {
        SwitchboardActivationSpec spec = InboundBed.spec("shop");
        spec.setUserName(user);
        spec.setPassword(password);
        spec.setResourceAdapter(adapter);
        return spec;
    }

    @Test
    void theActivationLogsInAsItsUserOverTls() throws Exception {
        TestEndpointFactory shop = new TestEndpointFactory(Shop.class, Shop.Endpoint::new);
        adapter.endpointActivation(shop, shopAs("mdb", "mdb-pw"));
        Poll.until("shop is published", this::shopAnswers, SecureServer.PATIENCE);
        Shop.Reservation reservation = alice.call("shop", "reserve", new Shop.Order("pear", 2), Shop.Reservation.class);
        assertThat(reservation).isEqualTo(new Shop.Reservation("pear", 2, "pear-2"));
        adapter.endpointDeactivation(shop, shopAs("mdb", "mdb-pw"));
    }

    @Test
    void aWrongPasswordKeepsRetryingWithBackoffAndTheRightOneStillWorks() throws Exception {
        TestEndpointFactory wrong = new TestEndpointFactory(Shop.class, Shop.Endpoint::new);
        long before = secure.server.stats().authFailures();
        SwitchboardActivationSpec wrongSpec = shopAs("mdb", "guess");
        adapter.endpointActivation(wrong, wrongSpec);
        Poll.until(
                "the server refused the activation twice",
                () -> secure.server.stats().authFailures() >= before + 2,
                SecureServer.PATIENCE);
        assertThat(shopAnswers()).as("not published with a wrong password").isFalse();
        adapter.endpointDeactivation(wrong, wrongSpec);

        TestEndpointFactory right = new TestEndpointFactory(Shop.class, Shop.Endpoint::new);
        adapter.endpointActivation(right, shopAs("mdb", "mdb-pw"));
        Poll.until("shop is published", this::shopAnswers, SecureServer.PATIENCE);
        adapter.endpointDeactivation(right, shopAs("mdb", "mdb-pw"));
    }
}
