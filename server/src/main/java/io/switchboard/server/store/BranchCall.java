package io.switchboard.server.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One async call of a prepared XA branch, as the store keeps it until the branch commits or rolls back.
 *
 * @param branch     the branch's XID as {@code Xid.toString()} spells it
 * @param seq        the call's place in its branch, from 0
 * @param ticketId   the ticket handed to the caller at submit
 * @param alias      the called session
 * @param method     the called method
 * @param payload    the payload bytes, in {@code codec}
 * @param codec      the payload's codec
 * @param meta       the caller and headers, encoded as held calls encode them
 * @param timeoutMs  the call's timeout, which starts at commit
 * @param submitter  the submitting user; null without authentication
 * @param preparedAt when the branch was prepared
 */
public record BranchCall(
        String branch,
        int seq,
        String ticketId,
        String alias,
        String method,
        byte[] payload,
        String codec,
        byte[] meta,
        long timeoutMs,
        String submitter,
        Instant preparedAt) {

    public BranchCall {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(preparedAt, "preparedAt");
    }
}
