package io.switchboard.jca.adapter.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.client.CallException;
import io.switchboard.client.ConnectionLostException;
import io.switchboard.client.RequestException;
import io.switchboard.jca.api.ConnectionFailedException;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.ResultCode;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import javax.transaction.xa.XAException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The table of docs/transactions.md, "The Java client": each client failure's XAException code, with the cause. */
class XaFailuresTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(new RequestException(ErrorCode.XA_UNKNOWN_XID, "x"), XAException.XAER_NOTA),
                Arguments.of(new RequestException(ErrorCode.XA_NOT_PREPARED, "x"), XAException.XAER_PROTO),
                Arguments.of(new RequestException(ErrorCode.XA_ALREADY_PREPARED, "x"), XAException.XAER_PROTO),
                Arguments.of(new RequestException(ErrorCode.XA_ROLLED_BACK, "x"), XAException.XA_RBROLLBACK),
                Arguments.of(new RequestException(ErrorCode.INTERNAL, "x"), XAException.XAER_RMFAIL),
                Arguments.of(new RequestException(ErrorCode.BUSY, "x"), XAException.XAER_RMFAIL),
                Arguments.of(new RequestException(ErrorCode.BAD_REQUEST, "x"), XAException.XAER_INVAL),
                Arguments.of(new RequestException(ErrorCode.FORBIDDEN, "x"), XAException.XAER_RMERR),
                Arguments.of(new ConnectionLostException("gone"), XAException.XAER_RMFAIL),
                Arguments.of(new CompletionException(new ConnectionLostException("gone")), XAException.XAER_RMFAIL),
                Arguments.of(new CallException(ResultCode.TIMEOUT, "late"), XAException.XAER_RMFAIL),
                Arguments.of(new ConnectionFailedException("this pooled connection is lost"), XAException.XAER_RMFAIL));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("table")
    void eachFailureHasItsCodeAMessageNamingItAndTheFailureAsCause(RuntimeException failure, int code) {
        XAException x = XaFailures.of("commit of branch 1:ab:01", failure);

        assertThat(x.errorCode).isEqualTo(code);
        assertThat(x).hasMessageStartingWith("commit of branch 1:ab:01 failed with " + XaFailures.name(code));
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        assertThat(x.getCause()).isSameAs(cause);
    }
}
