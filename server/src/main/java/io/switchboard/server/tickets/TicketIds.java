package io.switchboard.server.tickets;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Ticket ids: the time of issue in milliseconds (11 lowercase hex digits), then 128 random bits from a
 * {@link SecureRandom}, base64url (22 characters); 33 characters in all. Whoever holds a ticket may fetch the call's
 * outcome from any connection, so tickets must not be guessable: the random part sees to that. The time in front
 * makes ids of tickets issued later sort after earlier ones, so the store's index on them grows at its end (a few
 * pages written per commit) instead of at random places (a page per ticket).
 */
public final class TicketIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private TicketIds() {}

    public static String next() {
        return next(System.currentTimeMillis());
    }

    static String next(long millis) {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return String.format(Locale.ROOT, "%011x", millis) + ENCODER.encodeToString(bits);
    }
}
