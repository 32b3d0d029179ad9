package io.switchboard.server.transactions;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.server.routing.Connection;

/**
 * A call held in a branch that is not prepared yet, as it was submitted.
 *
 * @param ticketId  the ticket the caller got at once
 * @param callerId  the DELIVER's id: the submitter's notification carries it
 * @param alias     the called session
 * @param method    the called method
 * @param meta      the caller and headers, as the publisher gets them
 * @param payload   the payload, in {@code codec}
 * @param codec     the payload's codec
 * @param timeoutMs the call's timeout, which starts at commit
 * @param user      the submitting user; null without authentication
 * @param submitter the submitting connection; null for a call loaded from the store
 */
record PendingCall(
        String ticketId,
        long callerId,
        String alias,
        String method,
        CallMeta meta,
        byte[] payload,
        Codec codec,
        long timeoutMs,
        String user,
        Connection submitter) {}
