package io.switchboard.jca.adapter;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real server with TLS and authentication on: users {@code publisher} (publishes {@code demo}), {@code alice}
 * (may call {@code demo} and {@code shop}), {@code mdb} (publishes {@code shop}), {@code bob} (may call nothing but {@code other}); passwords are the name + "-pw". A
 * publisher of {@code demo}, whose {@code echo} answers its payload.
 */
public final class SecureServer implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(10);

    public final TestCertificates ca;
    public final SwitchboardServer server;
    private final SwitchboardClient publisher;
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    public SecureServer(Path dir) throws Exception {
        ca = TestCertificates.in(dir);
        TestCertificates.Issued cert = ca.server("server");
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, """
                users:
                  - name: publisher
                    password: "%s"
                    permissions: { publish: ["demo"] }
                  - name: alice
                    password: "%s"
                    permissions: { call: ["demo", "shop"] }
                  - name: mdb
                    password: "%s"
                    permissions: { publish: ["shop"] }
                  - name: bob
                    password: "%s"
                    permissions: { call: ["other"] }
                """.formatted(hash("publisher-pw"), hash("alice-pw"), hash("mdb-pw"), hash("bob-pw")));
        server = SwitchboardServer.start(ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownGraceMs(200)
                .tlsCert(cert.certFile())
                .tlsKey(cert.keyFile())
                .authUsers(UsersFile.read(users))
                .build());
        publisher = SwitchboardClient.connect(ClientOptions.builder()
                .url(url())
                .tls(TlsOptions.builder().trustCertificates(ca.caFile()).build())
                .user("publisher", "publisher-pw")
                .connectTimeout(PATIENCE)
                .callTimeout(PATIENCE)
                .build());
        publisher.publish(PublishOptions.builder("demo").method("echo").build(), SecureServer::echo, handlers);
    }

    private static Object echo(IncomingCall call) {
        return call.payloadTree();
    }

    private static String hash(String password) {
        return BCrypt.withDefaults().hashToString(10, password.toCharArray());
    }

    public String url() {
        return "tls://127.0.0.1:" + server.tcpPort();
    }

    @Override
    public void close() {
        publisher.close();
        server.close();
        handlers.shutdownNow();
    }
}
