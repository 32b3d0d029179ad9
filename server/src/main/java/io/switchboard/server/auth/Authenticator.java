package io.switchboard.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.server.logging.LogId;
import io.switchboard.server.routing.Grants;
import io.switchboard.server.transport.LogInterval;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks HELLO's credentials against the {@code auth-users} file (or, without one, only looks for the deprecated
 * admin token). Password checks run bcrypt on a small bounded pool, never on an event loop; an unknown user is checked
 * against a dummy hash so it costs what a wrong password costs; every refusal is answered {@link #REFUSAL_DELAY_MS}
 * after the HELLO arrived (or later, never sooner), so the answer's timing says nothing about why.
 */
public final class Authenticator {

    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    /** The time from HELLO to a refusal, whatever the reason. */
    public static final long REFUSAL_DELAY_MS = 200;
    /** Password checks waiting for a thread; one more is refused {@code unauthorized} at once (after the delay). */
    static final int QUEUE_LIMIT = 16;
    /** bcrypt reads at most 72 bytes of a password. */
    static final int BCRYPT_MAX_BYTES = 72;

    /** The name the deprecated admin token authenticates as when users are configured. */
    static final String ADMIN_TOKEN_USER = "admin-token";

    /** How a HELLO's credentials were judged: grants, or a refusal's (client-facing) reason. */
    public record Outcome(Grants grants, boolean adminToken, String refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    private final Users users;
    private final byte[] adminToken;
    private final byte[] dummyHash;
    private final ThreadPoolExecutor bcrypt;
    private final LongAdder failures = new LongAdder();
    private final LogInterval failureLog = new LogInterval(5, TimeUnit.SECONDS);

    /**
     * @param users      the users file; null: no authentication (everyone gets {@link Grants#OPEN})
     * @param adminToken the deprecated admin token; null for none
     */
    public Authenticator(Users users, String adminToken) {
        this.users = users;
        this.adminToken = adminToken == null ? null : adminToken.getBytes(StandardCharsets.UTF_8);
        if (users == null) {
            this.dummyHash = null;
            this.bcrypt = null;
            return;
        }
        // The dummy's password is random and thrown away: nothing can match it.
        char[] secret =
                Long.toHexString(new java.security.SecureRandom().nextLong()).toCharArray();
        this.dummyHash = BCrypt.withDefaults().hash(users.highestCost(), secret);
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() / 2));
        this.bcrypt = new ThreadPoolExecutor(
                threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_LIMIT), runnable -> {
                    Thread thread = new Thread(runnable, "switchboard-auth");
                    thread.setDaemon(true);
                    return thread;
                });
        this.bcrypt.allowCoreThreadTimeOut(true);
    }

    /** Whether HELLO must carry valid credentials. */
    public boolean required() {
        return users != null;
    }

    /** HELLOs refused for their credentials since start. */
    public long failures() {
        return failures.sum();
    }

    /**
     * Judges {@code credentials}, or without any (no user, password or token) the verified TLS client
     * {@code certificate}; {@code then} runs on {@code loop}: at once for an accepted token or certificate, when
     * bcrypt is done for an accepted password, and {@link #REFUSAL_DELAY_MS} after now (or when bcrypt is done, if
     * later) for a refusal. Credentials, when given, decide alone: the certificate is not consulted.
     *
     * @param certificate the connection's verified client certificate (mutual TLS); null without one
     */
    public void authenticate(
            Map<String, String> credentials,
            X509Certificate certificate,
            SocketAddress remote,
            EventExecutor loop,
            Consumer<Outcome> then) {
        long received = System.nanoTime();
        if (users == null) {
            then.accept(new Outcome(Grants.OPEN, presentsAdminToken(credentials), null));
            return;
        }
        String token = credentials == null ? null : credentials.get("token");
        String user = credentials == null ? null : credentials.get("user");
        String password = credentials == null ? null : credentials.get("password");
        if (token == null && user == null && password == null && certificate != null) {
            finish(byCertificate(certificate), null, remote, received, loop, then);
            return;
        }
        if (token != null && user == null && password == null) {
            Outcome outcome = byToken(token);
            finish(outcome, null, remote, received, loop, then);
            return;
        }
        if (token != null || user == null || password == null) {
            finish(refused("credentials must be {user, password} or {token}"), user, remote, received, loop, then);
            return;
        }
        try {
            bcrypt.execute(() -> {
                Outcome outcome;
                try {
                    outcome = byPassword(user, password);
                } catch (RuntimeException e) {
                    log.warn("{} password check failed unexpectedly: {}", LogId.PASSWORD_CHECK_FAILED, e.toString());
                    outcome = refused("invalid user or password");
                }
                Outcome judged = outcome;
                loop.execute(() -> finish(judged, user, remote, received, loop, then));
            });
        } catch (RejectedExecutionException e) {
            finish(refused("too many logins at once; try again shortly"), user, remote, received, loop, then);
        }
    }

    private Outcome byToken(String token) {
        if (adminToken != null && MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
            return new Outcome(new UserGrants(ADMIN_TOKEN_USER, users.defaults().withAdmin()), true, null);
        }
        byte[] hash = sha256(token.getBytes(StandardCharsets.UTF_8));
        return users.byTokenHash(hash)
                .filter(u -> MessageDigest.isEqual(u.tokenSha256(), hash))
                .map(u -> new Outcome(new UserGrants(u.name(), u.permissions()), false, null))
                .orElseGet(() -> refused("invalid token"));
    }

    /** Mutual TLS: the one user the certificate maps to (cheap map lookups, so on the event loop). */
    private Outcome byCertificate(X509Certificate certificate) {
        Set<User> mapped = users.byCertificate(certificate);
        if (mapped.size() == 1) {
            User user = mapped.iterator().next();
            log.debug("client certificate '{}' logs in as '{}'", certificate.getSubjectX500Principal(), user.name());
            return new Outcome(new UserGrants(user.name(), user.permissions()), false, null);
        }
        String subject = printable(certificate.getSubjectX500Principal().getName());
        return mapped.isEmpty()
                ? refused("no credentials, and the client certificate '" + subject + "' maps to no user")
                : refused("the client certificate '" + subject + "' maps to more than one user");
    }

    /** On the bcrypt pool: an unknown user and a token user are checked against the dummy, taking the same time. */
    private Outcome byPassword(String name, String password) {
        User user = users.byName(name).orElse(null);
        byte[] hash = user == null || user.passwordHash() == null
                ? dummyHash
                : user.passwordHash().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        byte[] read = bytes.length == 0
                ? new byte[] {0} // bcrypt takes no empty password; this one never matches a hash we accept
                : Arrays.copyOf(bytes, Math.min(bytes.length, BCRYPT_MAX_BYTES));
        boolean verified = BCrypt.verifyer(null, LongPasswordStrategies.none()).verify(read, hash).verified;
        if (!verified || hash == dummyHash || bytes.length == 0) {
            return refused("invalid user or password");
        }
        return new Outcome(new UserGrants(user.name(), user.permissions()), false, null);
    }

    private void finish(
            Outcome outcome,
            String user,
            SocketAddress remote,
            long received,
            EventExecutor loop,
            Consumer<Outcome> then) {
        if (outcome.accepted()) {
            then.accept(outcome);
            return;
        }
        failed(user, remote, outcome.refusal());
        long waitNanos = TimeUnit.MILLISECONDS.toNanos(REFUSAL_DELAY_MS) - (System.nanoTime() - received);
        if (waitNanos <= 0) {
            then.accept(outcome);
        } else {
            loop.schedule(() -> then.accept(outcome), waitNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Counted always; logged at WARN at most once per 5 s (with how many were not), at DEBUG otherwise. */
    private void failed(String user, SocketAddress remote, String why) {
        failures.increment();
        String who = user == null ? "(no user)" : "'" + printable(user) + "'";
        long others = failureLog.admit();
        if (others >= 0) {
            log.warn(
                    "{} authentication failed for {} from {}: {}{}",
                    LogId.AUTH_FAILED,
                    who,
                    remote,
                    why,
                    others == 0 ? "" : " (and " + others + " other failure(s) since the last report)");
        } else {
            log.debug("{} authentication failed for {} from {}: {}", LogId.AUTH_FAILED, who, remote, why);
        }
    }

    /** A user name as a client sent it, made safe for one log line: short, no control characters. */
    static String printable(String name) {
        String shortened = name.length() > 64 ? name.substring(0, 61) + "..." : name;
        StringBuilder out = new StringBuilder(shortened.length());
        shortened.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    private static Outcome refused(String why) {
        return new Outcome(null, false, why);
    }

    private boolean presentsAdminToken(Map<String, String> credentials) {
        String token = credentials == null ? null : credentials.get("token");
        return adminToken != null
                && token != null
                && MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Stops the password pool (at server shutdown). */
    public void close() {
        if (bcrypt != null) {
            bcrypt.shutdownNow();
        }
    }
}
