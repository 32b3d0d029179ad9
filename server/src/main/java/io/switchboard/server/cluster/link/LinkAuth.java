package io.switchboard.server.cluster.link;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The link's handshake (docs/cluster.md, "The link"): the accepting node sends a random challenge; the connecting
 * node answers with its member id (the two halves of its JGroups UUID) and an HMAC-SHA256, keyed with the accepting
 * node's link secret, of the challenge and that id. Only members learned the secret (over JGroups), and a recorded
 * answer is useless for another challenge.
 */
final class LinkAuth {

    static final byte VERSION = 1;
    static final int NONCE_BYTES = 16;
    static final int MAC_BYTES = 32;
    static final int CHALLENGE_BYTES = 1 + NONCE_BYTES;
    static final int HELLO_BYTES = 1 + 8 + 8 + MAC_BYTES;

    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkAuth() {}

    /** A node's link secret, made once at start. */
    static byte[] newSecret() {
        byte[] secret = new byte[LinkAnnouncement.SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    static byte[] challenge() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return ByteBuffer.allocate(CHALLENGE_BYTES).put(VERSION).put(nonce).array();
    }

    /** The nonce of a challenge frame; throws when it is not one. */
    static byte[] nonceOf(byte[] challenge) {
        if (challenge.length != CHALLENGE_BYTES || challenge[0] != VERSION) {
            throw new IllegalArgumentException("not a link challenge of version " + VERSION);
        }
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(challenge, 1, nonce, 0, NONCE_BYTES);
        return nonce;
    }

    static byte[] hello(long msb, long lsb, byte[] targetSecret, byte[] nonce) {
        return ByteBuffer.allocate(HELLO_BYTES)
                .put(VERSION)
                .putLong(msb)
                .putLong(lsb)
                .put(mac(targetSecret, nonce, msb, lsb))
                .array();
    }

    /** The id a hello claims and whether it proves {@code secret} for {@code nonce}. */
    record Hello(long msb, long lsb, boolean proven) {}

    static Hello check(byte[] hello, byte[] secret, byte[] nonce) {
        if (hello.length != HELLO_BYTES || hello[0] != VERSION) {
            throw new IllegalArgumentException("not a link hello of version " + VERSION);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(hello, 1, hello.length - 1);
            long msb = in.getLong();
            long lsb = in.getLong();
            byte[] mac = new byte[MAC_BYTES];
            in.get(mac);
            return new Hello(msb, lsb, MessageDigest.isEqual(mac, mac(secret, nonce, msb, lsb)));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated link hello");
        }
    }

    private static byte[] mac(byte[] secret, byte[] nonce, long msb, long lsb) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(nonce);
            mac.update(ByteBuffer.allocate(16).putLong(msb).putLong(lsb).array());
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
