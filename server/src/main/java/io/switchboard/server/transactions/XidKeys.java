package io.switchboard.server.transactions;

import io.switchboard.protocol.message.Xid;

/** The store's key of a branch, {@code formatId:gtrid:bqual} as {@link Xid#toString()} spells it, read back. */
final class XidKeys {

    private XidKeys() {}

    static Xid parse(String key) {
        int first = key.indexOf(':');
        int second = key.indexOf(':', first + 1);
        if (first < 0 || second < 0) {
            throw new IllegalArgumentException("not an XA branch key: '" + key + "'");
        }
        return new Xid(
                Integer.parseInt(key.substring(0, first)), key.substring(first + 1, second), key.substring(second + 1));
    }
}
