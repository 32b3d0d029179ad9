package io.switchboard.server.tickets;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Ticket ids: 128 random bits from a {@link SecureRandom}, base64url (22 characters). Whoever holds a ticket may
 * fetch the call's outcome from any connection, so tickets must not be guessable.
 */
public final class TicketIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private TicketIds() {}

    public static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return ENCODER.encodeToString(bits);
    }
}
