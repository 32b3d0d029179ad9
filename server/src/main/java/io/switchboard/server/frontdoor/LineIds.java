package io.switchboard.server.frontdoor;

import java.security.SecureRandom;
import java.util.Base64;

/** Line ids: 128 random bits from a {@link SecureRandom}, base64url without padding (22 characters). */
final class LineIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private LineIds() {}

    static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return ENCODER.encodeToString(bits);
    }
}
