package io.switchboard.protocol.message;

import java.util.HexFormat;

/**
 * An XA transaction branch identifier, as {@code javax/jakarta.transaction.xa.Xid} defines it: a format id, a global
 * transaction id of 1 to 64 bytes and a branch qualifier of 0 to 64 bytes. On the wire (documents and text mode) the
 * two byte strings are lowercase hex; in binary DELIVER frames they are length-prefixed bytes.
 *
 * @param formatId the format id; -1 (the XA "null XID") is refused
 * @param gtrid    the global transaction id, hex, 1 to 64 bytes
 * @param bqual    the branch qualifier, hex, 0 to 64 bytes
 */
public record Xid(int formatId, String gtrid, String bqual) {

    /** The XA spec's MAXGTRIDSIZE. */
    public static final int MAX_GTRID_BYTES = 64;
    /** The XA spec's MAXBQUALSIZE. */
    public static final int MAX_BQUAL_BYTES = 64;
    /** The format id XA reserves for the null XID. */
    public static final int NULL_FORMAT_ID = -1;

    private static final HexFormat HEX = HexFormat.of();

    public Xid {
        if (formatId == NULL_FORMAT_ID) {
            throw new IllegalArgumentException("xid \"format_id\" -1 is the XA null XID, not a branch");
        }
        gtrid = checkedHex(gtrid, "gtrid", 1, MAX_GTRID_BYTES);
        bqual = checkedHex(bqual == null ? "" : bqual, "bqual", 0, MAX_BQUAL_BYTES);
    }

    /** The XID of {@code javax/jakarta.transaction.xa.Xid}'s three parts. */
    public static Xid of(int formatId, byte[] gtrid, byte[] bqual) {
        if (gtrid == null) {
            throw new IllegalArgumentException("xid \"gtrid\" is missing");
        }
        return new Xid(formatId, HEX.formatHex(gtrid), bqual == null ? "" : HEX.formatHex(bqual));
    }

    public byte[] gtridBytes() {
        return HEX.parseHex(gtrid);
    }

    public byte[] bqualBytes() {
        return HEX.parseHex(bqual);
    }

    @Override
    public String toString() {
        return formatId + ":" + gtrid + ":" + bqual;
    }

    private static String checkedHex(String hex, String field, int minBytes, int maxBytes) {
        if (hex == null) {
            throw new IllegalArgumentException("xid \"" + field + "\" is missing");
        }
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("xid \"" + field + "\" must be hex digits, two per byte");
        }
        int bytes = hex.length() / 2;
        if (bytes < minBytes || bytes > maxBytes) {
            throw new IllegalArgumentException(
                    "xid \"" + field + "\" must be " + minBytes + " to " + maxBytes + " bytes, not " + bytes);
        }
        return hex.toLowerCase(java.util.Locale.ROOT);
    }
}
