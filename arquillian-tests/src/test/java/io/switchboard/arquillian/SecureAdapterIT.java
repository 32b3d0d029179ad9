package io.switchboard.arquillian;

import static io.switchboard.arquillian.Management.address;
import static io.switchboard.arquillian.Management.operation;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.arquillian.secure.SecureCallServlet;
import io.switchboard.arquillian.secure.SecureCallerBean;
import io.switchboard.arquillian.secure.SecureShopBean;
import io.switchboard.arquillian.secure.WrongPasswordBean;
import io.switchboard.client.CallException;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.testsupport.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The resource adapter against a server with TLS and authentication on, in WildFly: (a) an EJB's {@code @Resource}
 * connection logs in as the user of its connection definition's Elytron authentication-context (container-managed
 * sign-on), over tls:// with the CA the definition names; the definition's own userName (bob) would be refused
 * calling {@code secured}, so a successful call proves the HELLO user was alice; (b) a message-driven bean with
 * activation credentials publishes and receives calls; (c) a bean with a wrong password is refused, retried with
 * backoff, and WildFly keeps serving the others.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@ServerSetup(SecureAdapterIT.Setup.class)
class SecureAdapterIT {

    static final String AUTH = "switchboard-alice";
    static final ModelNode AUTH_CONFIGURATION = address("subsystem", "elytron", "authentication-configuration", AUTH);
    static final ModelNode AUTH_CONTEXT = address("subsystem", "elytron", "authentication-context", AUTH);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static SwitchboardClient alice;

    static class Setup extends AdapterSetup {

        @Override
        Map<String, String> adapterProperties() {
            Map<String, String> properties = super.adapterProperties();
            properties.put("serverUrls", SecureSwitchboard.get().url());
            properties.put(
                    "tlsTrustCertificates", SecureSwitchboard.get().caFile.toString());
            return properties;
        }

        @Override
        void adjust(Map<String, ModelNode> poolAttributes, Map<String, String> configProperties) {
            poolAttributes.put("authentication-context", new ModelNode(AUTH));
            configProperties.put("serverUrls", SecureSwitchboard.get().url());
            configProperties.put(
                    "tlsTrustCertificates", SecureSwitchboard.get().caFile.toString());
            // Used only without a Subject: bob may not call 'secured'.
            configProperties.put("userName", "bob");
            configProperties.put("password", "bob-pw");
        }

        @Override
        public void setup(ManagementClient client, String containerId) {
            Management management = Management.using(client.getControllerClient());
            ModelNode configuration = operation("add", AUTH_CONFIGURATION);
            configuration.get("authentication-name").set("alice");
            configuration.get("credential-reference").get("clear-text").set("alice-pw");
            management.execute(configuration);
            ModelNode context = operation("add", AUTH_CONTEXT);
            ModelNode rule = new ModelNode();
            rule.get("authentication-configuration").set(AUTH);
            context.get("match-rules").add(rule);
            management.execute(context);
            super.setup(client, containerId);
        }

        @Override
        public void tearDown(ManagementClient client, String containerId) {
            super.tearDown(client, containerId);
            Management management = Management.using(client.getControllerClient());
            management.execute(operation("remove", AUTH_CONTEXT));
            management.execute(operation("remove", AUTH_CONFIGURATION));
        }
    }

    @Deployment(name = "rar", order = 1, testable = false)
    public static ResourceAdapterArchive rar() {
        return ShrinkWrap.createFromZipFile(
                ResourceAdapterArchive.class,
                Path.of(System.getProperty("deployments.dir", "target/deployments"), SwitchboardAdapter.ARCHIVE)
                        .toFile());
    }

    @Deployment(name = "secure", order = 2, testable = false)
    public static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "secure-app.war")
                .addClasses(
                        SecureCallerBean.class, SecureCallServlet.class, SecureShopBean.class, WrongPasswordBean.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.switchboard.rar\n"));
    }

    @BeforeAll
    static void connect() {
        alice = SecureSwitchboard.get().client("alice");
    }

    @AfterAll
    static void close() {
        if (alice != null) {
            alice.close();
        }
    }

    @Test
    void anEjbConnectionLogsInAsTheContainerManagedUserOverTls() {
        String answer = call(SecureSwitchboard.ALIAS, "echo", "from WildFly");
        assertThat(answer)
                .as("alice may call 'secured' (bob, the configured user, may not)")
                .isEqualTo("ok:from WildFly");
        // The HELLO user is the authentication-context's: the same definition cannot call what alice may not.
        assertThat(call("other", "echo", "1")).startsWith("forbidden:");
    }

    @Test
    void aMessageDrivenBeanPublishesWithItsActivationCredentials() {
        Poll.until("secure-shop answers alice", Duration.ofSeconds(60), SecureAdapterIT::shopAnswers);
        assertThat(alice.call(SecureShopBean.ALIAS, "hello", "alice", String.class))
                .isEqualTo("hello alice");
    }

    @Test
    void aWrongPasswordIsRefusedWithBackoffAndWildFlyKeepsServing() {
        long before = SecureSwitchboard.get().server.stats().authFailures();
        Poll.until(
                "the wrong-password bean was refused again (it retries)",
                Duration.ofSeconds(60),
                () -> SecureSwitchboard.get().server.stats().authFailures() > before);
        try {
            alice.call(WrongPasswordBean.ALIAS, "hello", "x", String.class);
            throw new AssertionError("secure-wrong must not be published");
        } catch (CallException expected) {
            assertThat(expected.code().wireName()).isIn("no-such-session", "forbidden");
        }
        Poll.until("secure-shop answers alice", Duration.ofSeconds(60), SecureAdapterIT::shopAnswers);
        assertThat(call(SecureSwitchboard.ALIAS, "echo", "still")).isEqualTo("ok:still");
    }

    private static boolean shopAnswers() {
        try {
            alice.call(SecureShopBean.ALIAS, "hello", "probe", String.class);
            return true;
        } catch (CallException e) {
            return false;
        }
    }

    private static String call(String alias, String method, String payload) {
        URI uri = URI.create("http://127.0.0.1:" + Management.httpPort() + "/secure-app/call?alias=" + enc(alias)
                + "&method=" + enc(method) + "&payload=" + enc(payload));
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
