package io.switchboard.arquillian;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.IncomingCall;
import io.switchboard.client.PublishOptions;
import io.switchboard.client.SwitchboardClient;
import io.switchboard.client.TlsOptions;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.auth.UsersFile;
import io.switchboard.testsupport.TestCertificates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A second Switchboard server in the test JVM, with TLS (certificates from {@link TestCertificates}) and users (bcrypt
 * hashes made here): {@code publisher} publishes {@code secured} (method {@code echo}); {@code alice} may call
 * {@code secured} and {@code secure-shop}; {@code bob} may call only {@code other}; {@code mdb} may publish
 * {@code secure-shop} and {@code secure-wrong}. Passwords: the name + "-pw". WildFly reads the CA file from disk.
 */
final class SecureSwitchboard {

    static final String ALIAS = "secured";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static SecureSwitchboard instance;

    final Path caFile;
    final SwitchboardServer server;
    private final TestCertificates ca;
    private final ExecutorService handlers = Executors.newFixedThreadPool(2);

    private SecureSwitchboard() {
        try {
            Path dir = Files.createTempDirectory("sb-secure-it");
            ca = TestCertificates.in(dir);
            caFile = ca.caFile().toAbsolutePath();
            TestCertificates.Issued cert = ca.server("server");
            Path users = dir.resolve("users.yaml");
            Files.writeString(
                    users, """
                    users:
                      - name: publisher
                        password: "%s"
                        permissions: { publish: ["secured"] }
                      - name: alice
                        password: "%s"
                        permissions: { call: ["secured", "secure-shop"] }
                      - name: bob
                        password: "%s"
                        permissions: { call: ["other"] }
                      - name: mdb
                        password: "%s"
                        permissions: { publish: ["secure-shop", "secure-wrong"] }
                    """.formatted(hash("publisher-pw"), hash("alice-pw"), hash("bob-pw"), hash("mdb-pw")));
            server = SwitchboardServer.start(ServerConfig.builder()
                    .name("arquillian-secure")
                    .host("127.0.0.1")
                    .port(0)
                    .shutdownGraceMs(200)
                    .tlsCert(cert.certFile())
                    .tlsKey(cert.keyFile())
                    .authUsers(UsersFile.read(users))
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SwitchboardClient publisher = client("publisher");
        publisher.publish(PublishOptions.builder(ALIAS).method("echo").build(), SecureSwitchboard::echo, handlers);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "secure-switchboard-stop"));
    }

    static synchronized SecureSwitchboard get() {
        if (instance == null) {
            instance = new SecureSwitchboard();
        }
        return instance;
    }

    private static Object echo(IncomingCall call) {
        return call.payloadTree();
    }

    private static String hash(String password) {
        return BCrypt.withDefaults().hashToString(10, password.toCharArray());
    }

    String url() {
        return "tls://127.0.0.1:" + server.tcpPort();
    }

    /** A plain client over TLS logged in as {@code user} (password: user + "-pw"). */
    SwitchboardClient client(String user) {
        return SwitchboardClient.connect(ClientOptions.builder()
                .url(url())
                .tls(TlsOptions.builder().trustCertificates(caFile).build())
                .user(user, user + "-pw")
                .connectTimeout(PATIENCE)
                .callTimeout(PATIENCE)
                .build());
    }
}
