package io.switchboard.client;

import io.switchboard.protocol.ResultCode;

/**
 * One publisher's answer to a scatter-gather call ({@link SwitchboardClient#callAll}).
 *
 * @param publisher the server's id of the publisher's connection: distinct among the answers of one call, stable while
 *     that publisher stays connected
 * @param code      the publisher's outcome ({@link ResultCode#OK}, its {@code handler-error}, ...), or the server's for
 *     it ({@link ResultCode#TIMEOUT} when it had not answered by the call's deadline, {@code busy}, {@code
 *     publisher-lost})
 * @param message   for a failure, a sentence for people; empty for ok
 * @param value     for ok, the answer decoded to the type asked for (null when the publisher sent none); null otherwise
 * @param <T>       the answer's type
 */
public record PublisherResult<T>(long publisher, ResultCode code, String message, T value) {

    public boolean isOk() {
        return code == ResultCode.OK;
    }
}
