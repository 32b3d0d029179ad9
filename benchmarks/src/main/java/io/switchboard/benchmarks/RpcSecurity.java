package io.switchboard.benchmarks;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.nats.client.Options;
import io.switchboard.client.ClientOptions;
import io.switchboard.client.TlsOptions;
import io.switchboard.testsupport.TestCertificates;
import io.switchboard.testsupport.TestCertificates.Issued;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the rpc workload secures, the same way on both systems: {@code --tls} (a CA and a server certificate for
 * 127.0.0.1 generated for the run; the servers use the certificate, the clients trust the CA) and {@code --auth}
 * (two users with bcrypt passwords and permissions: a caller that may only call the echo alias / publish its
 * subject, a publisher that may only publish it / answer requests).
 */
final class RpcSecurity {

    /** The user of the calling (requesting) connection. */
    static final String CALLER = "bench-caller";
    /** The user of the publishing (responding) connection. */
    static final String PUBLISHER = "bench-publisher";

    private static final int BCRYPT_COST = 10;

    private final TestCertificates ca;
    private final Issued serverCert;
    private final Path switchboardUsers;
    private final Path natsConfig;
    private final String callerPassword;
    private final String publisherPassword;

    private RpcSecurity(
            TestCertificates ca,
            Issued serverCert,
            Path switchboardUsers,
            Path natsConfig,
            String callerPassword,
            String publisherPassword) {
        this.ca = ca;
        this.serverCert = serverCert;
        this.switchboardUsers = switchboardUsers;
        this.natsConfig = natsConfig;
        this.callerPassword = callerPassword;
        this.publisherPassword = publisherPassword;
    }

    /** Nothing secured: the plain workload. */
    static RpcSecurity none() {
        return new RpcSecurity(null, null, null, null, null, null);
    }

    /** Writes the certificates (with {@code tls}) and the users files (with {@code auth}) into {@code dir}. */
    static RpcSecurity create(boolean tls, boolean auth, Path dir) throws IOException {
        Files.createDirectories(dir);
        TestCertificates ca = tls ? TestCertificates.in(dir.resolve("pki"), "bench-ca") : null;
        Issued serverCert = tls ? ca.server("server") : null;
        if (!auth) {
            return new RpcSecurity(ca, serverCert, null, null, null, null);
        }
        String callerPassword = randomPassword();
        String publisherPassword = randomPassword();
        String callerHash = BCrypt.withDefaults().hashToString(BCRYPT_COST, callerPassword.toCharArray());
        String publisherHash = BCrypt.withDefaults().hashToString(BCRYPT_COST, publisherPassword.toCharArray());
        Path users = Files.writeString(dir.resolve("switchboard-users.yaml"), """
                users:
                  - name: %s
                    password: "%s"
                    permissions:
                      call: { allow: ["%s"], deny: ["admin.>"] }
                  - name: %s
                    password: "%s"
                    permissions:
                      publish: { allow: ["%s"] }
                """.formatted(
                CALLER, callerHash, SwitchboardSystem.ALIAS, PUBLISHER, publisherHash, SwitchboardSystem.ALIAS));
        // NATS: the requester publishes the subject and receives on its inboxes; the responder subscribes to the
        // subject and may publish only replies to requests it received (allow_responses).
        Path nats = Files.writeString(dir.resolve("nats-auth.conf"), """
                authorization {
                  users = [
                    { user: "%s", password: "%s",
                      permissions: { publish: { allow: ["%s"], deny: ["admin.>"] }, subscribe: { allow: ["_INBOX.>"] } } }
                    { user: "%s", password: "%s",
                      permissions: { subscribe: { allow: ["%s"] }, allow_responses: true } }
                  ]
                }
                """.formatted(
                        CALLER, callerHash, NatsSystem.SUBJECT, PUBLISHER, publisherHash, NatsSystem.SUBJECT));
        return new RpcSecurity(ca, serverCert, users, nats, callerPassword, publisherPassword);
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    boolean tls() {
        return serverCert != null;
    }

    boolean auth() {
        return switchboardUsers != null;
    }

    /** The same TLS, without users: the baseline of the auth run. */
    RpcSecurity withoutAuth() {
        return new RpcSecurity(ca, serverCert, null, null, null, null);
    }

    /** For the run's header. */
    String describe() {
        if (!tls() && !auth()) {
            return "plain";
        }
        List<String> parts = new ArrayList<>();
        if (tls()) {
            // The Switchboard clients pick OpenSSL when netty-tcnative loads (it is on the benchmark's class path).
            parts.add("TLS (EC P-256 server certificate, clients trust the run's CA; the benchmark JVM's provider: "
                    + (io.netty.handler.ssl.OpenSsl.isAvailable() ? "OpenSSL" : "JDK") + ")");
        }
        if (auth()) {
            parts.add("auth (bcrypt cost " + BCRYPT_COST + " users, caller may only call, publisher only publish)");
        }
        return String.join(" + ", parts);
    }

    /** Switchboard server flags. */
    List<String> switchboardServerArgs() {
        List<String> args = new ArrayList<>();
        if (tls()) {
            args.addAll(List.of(
                    "--tls-cert",
                    serverCert.certFile().toString(),
                    "--tls-key",
                    serverCert.keyFile().toString()));
        }
        if (auth()) {
            args.addAll(List.of("--auth-users", switchboardUsers.toString()));
        }
        return args;
    }

    /** A Switchboard client as {@code user} ({@link #CALLER} or {@link #PUBLISHER}): trusting the CA, logged in. */
    ClientOptions.Builder switchboardClient(ClientOptions.Builder options, String user) {
        if (tls()) {
            options.tls(TlsOptions.builder().trustCertificates(ca.caFile()).build());
        }
        if (auth()) {
            options.user(user, password(user));
        }
        return options;
    }

    /** nats-server flags. */
    List<String> natsServerArgs() {
        List<String> args = new ArrayList<>();
        if (auth()) {
            args.addAll(List.of("-c", natsConfig.toString()));
        }
        if (tls()) {
            args.addAll(List.of(
                    "--tls",
                    "--tlscert",
                    serverCert.certFile().toString(),
                    "--tlskey",
                    serverCert.keyFile().toString()));
        }
        return args;
    }

    /** A jnats connection as {@code user}: TLS trusting the CA, user and password. */
    Options.Builder natsClient(Options.Builder options, String user) {
        if (tls()) {
            options.sslContext(ca.sslContext(null));
        }
        if (auth()) {
            options.userInfo(user, password(user));
        }
        return options;
    }

    String scheme(String plain) {
        return tls() ? "tls" : plain;
    }

    private String password(String user) {
        return user.equals(CALLER) ? callerPassword : publisherPassword;
    }
}
