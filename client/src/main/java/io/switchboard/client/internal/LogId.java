package io.switchboard.client.internal;

/**
 * The stable ids of the client's log messages that an operator acts on (the 09xx range; the server has the
 * others in {@code io.switchboard.server.logging.LogId}). Each such message starts with its id, logged as the
 * first argument: {@code LOG.warn("{} re-publishing '{}' on {} failed: {}", LogId.REPUBLISH_FAILED, ...)}.
 * docs/operations.md ("Log messages") says what each means and what to do. An id is never reused.
 */
public enum LogId {
    REPUBLISH_FAILED("SWB0901"),
    SESSION_LISTENER_FAILED("SWB0902"),
    SERVER_SILENT("SWB0903"),
    RESUBSCRIBE_FAILED("SWB0904"),
    REWATCH_FAILED("SWB0905"),
    ENTRIES_LISTENER_FAILED("SWB0906"),
    CONNECTION_LISTENER_FAILED("SWB0907"),
    SHUTDOWN_BUT_OPEN("SWB0908"),
    FRONT_DOOR_HANDLER_FAILED("SWB0909"),
    REREGISTER_FAILED("SWB0910"),
    REFRESH_FAILED("SWB0911"),
    SERVER_ERROR("SWB0912"),
    UNEXPECTED_MESSAGE("SWB0913"),
    MALFORMED_FRAME("SWB0914"),
    CONNECTION_ERROR("SWB0915"),
    NO_SERVER_REACHABLE("SWB0920"),
    CONNECTED("SWB0921"),
    CONNECTION_LOST("SWB0922"),
    CONNECTION_LOST_RECONNECTING("SWB0923"),
    SERVER_SHUTTING_DOWN("SWB0924"),
    SWITCHED_SERVER("SWB0930"),
    LIST_TOO_LARGE("SWB0940");

    private final String code;

    LogId(String code) {
        this.code = code;
    }

    /** The id as it appears in the log: {@code SWB0901}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
