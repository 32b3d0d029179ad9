package io.switchboard.server.routing;

import io.switchboard.protocol.ResultCode;

/**
 * Measures the calls of client connections: each call is recorded once, when its one RESULT goes to the caller
 * (docs/monitoring.md, "Metrics"). Installed once at start ({@link CallRouter#measure}); {@link #OFF} records nothing.
 */
public interface CallMeter {

    /** The recorder of calls to {@code alias}: asked once per call as it starts, on the caller's event loop. */
    Recorder recorder(String alias);

    /** Records the calls of one alias (or of the aliases beyond the cap). Must not allocate: it runs per call. */
    interface Recorder {

        /** A call ended with {@code code}, {@code nanos} after it arrived. */
        void record(ResultCode code, long nanos);

        /** Records nothing; a call started with it is not timed either. */
        Recorder NONE = (code, nanos) -> {};
    }

    /** Measures nothing ({@code metrics: false}). */
    CallMeter OFF = alias -> Recorder.NONE;
}
