package io.switchboard.server.monitor;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.concurrent.EventExecutor;
import io.switchboard.server.auth.Authenticator;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The monitoring port's credentials: HTTP Basic (a password user, bcrypt off the event loop), {@code Authorization:
 * Bearer} (a token user), or without either the verified TLS client certificate; judged by the client port's
 * {@link Authenticator}, so refusals come as late (200 ms) and are counted and logged as there.
 */
final class MonitorAuth {

    /** Credentials that cannot match anybody: a malformed or unknown Authorization header. */
    private static final Map<String, String> UNUSABLE = Map.of("user", "");

    private final Authenticator authenticator;

    MonitorAuth(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    boolean required() {
        return authenticator.required();
    }

    /** {@code then} runs on {@code loop} with the outcome. */
    void check(
            HttpHeaders headers,
            X509Certificate certificate,
            SocketAddress remote,
            EventExecutor loop,
            Consumer<Authenticator.Outcome> then) {
        authenticator.authenticate(
                credentials(headers.get(HttpHeaderNames.AUTHORIZATION)), certificate, remote, loop, then);
    }

    static Map<String, String> credentials(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Map.of("token", value.substring(7).trim());
        }
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded =
                        new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return UNUSABLE;
            }
            int colon = decoded.indexOf(':');
            return colon < 0
                    ? UNUSABLE
                    : Map.of("user", decoded.substring(0, colon), "password", decoded.substring(colon + 1));
        }
        return UNUSABLE;
    }
}
