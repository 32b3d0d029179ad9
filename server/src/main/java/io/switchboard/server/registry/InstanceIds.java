package io.switchboard.server.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Instance ids and public ids of registry entries. An instance id is 128 random bits from a {@link SecureRandom}
 * (base64url, 22 characters): whoever holds it may refresh and remove the entry, so it is never shown to others.
 * The public id that RESOLVE shows is derived from it by SHA-256: stable across restarts without being stored, and
 * no way back to the instance id.
 */
final class InstanceIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    /** 96 bits: plenty to tell a name's entries apart. */
    private static final int PUBLIC_ID_BYTES = 12;

    private InstanceIds() {}

    static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return ENCODER.encodeToString(bits);
    }

    static String publicId(String instance) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(instance.getBytes(StandardCharsets.UTF_8));
            return ENCODER.encodeToString(java.util.Arrays.copyOf(digest, PUBLIC_ID_BYTES));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
