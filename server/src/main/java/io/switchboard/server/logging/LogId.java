package io.switchboard.server.logging;

/**
 * The stable ids of the server's log messages that an operator acts on: each such message starts with its id
 * ({@code SWB0101 listening on ...}), logged as the first argument: {@code log.info("{} listening on {}",
 * LogId.LISTENING, address)}. docs/operations.md ("Log messages") says what each means and what to do;
 * LogIdTest checks that every id is unique, listed there, and used.
 *
 * <p>An id is never reused or renumbered: retire a message by deleting its constant and its row. Areas: 00xx
 * start and shutdown, 01xx listeners and TLS, 02xx connections and limits, 03xx routing, held calls and async
 * calls, 04xx store and registry, 05xx front doors, 06xx authentication, 07xx cluster; 09xx is the client's
 * ({@code io.switchboard.client.internal.LogId}).
 */
public enum LogId {
    // 00xx: start and shutdown
    STARTING("SWB0001"),
    CANNOT_START("SWB0002"),
    STARTED("SWB0003"),
    FAILED_START_CLEANUP("SWB0004"),
    SHUTTING_DOWN("SWB0010"),
    SHUT_DOWN("SWB0011"),
    SHUTDOWN_FAILED("SWB0012"),
    GRACE_OVER("SWB0013"),
    SHUTDOWN_UNCLEAN("SWB0014"),
    SHUTDOWN_REQUESTED("SWB0015"),
    CLOSE_FAILED("SWB0016"),
    // 01xx: listeners and TLS
    LISTENING("SWB0101"),
    LISTENING_UNIX("SWB0102"),
    STALE_UNIX_SOCKET("SWB0103"),
    UNIX_SOCKET_NOT_REMOVED("SWB0104"),
    ACCEPT_FAILING("SWB0105"),
    TLS_CERTIFICATE("SWB0110"),
    TLS_RELOADED("SWB0111"),
    TLS_RELOAD_FAILED("SWB0112"),
    TLS_CHECK_FAILED("SWB0113"),
    TLS_HANDSHAKE_FAILED("SWB0114"),
    TLS_SIGHUP_IGNORED("SWB0115"),
    MONITOR_UNAUTHENTICATED("SWB0120"),
    MONITOR_ENDPOINT_FAILED("SWB0121"),
    // 02xx: connections and resource limits
    CONNECTION_FAILED("SWB0201"),
    OUT_OF_MEMORY("SWB0202"),
    CONNECTION_REFUSED("SWB0203"),
    SLOW_CONSUMER("SWB0204"),
    PARTIAL_FRAMES_OVERLOADED("SWB0205"),
    // 03xx: routing, held calls, async calls
    SESSION_NOT_KEPT("SWB0301"),
    POLICY_SQUATTED("SWB0302"),
    HELD_CALL_HEADERS_LOST("SWB0310"),
    CALL_NOT_HELD("SWB0311"),
    HELD_CALL_NOT_RELEASED("SWB0312"),
    EXPIRED_HELD_CALL_KEPT("SWB0313"),
    TICKETS_NOT_SWEPT("SWB0320"),
    TICKET_NOT_STORED("SWB0321"),
    OUTCOME_NOT_STORED("SWB0322"),
    FETCH_FAILED("SWB0323"),
    XA_CALLS_PER_BRANCH_LIMIT("SWB0330"),
    XA_BRANCHES_PER_CONNECTION_LIMIT("SWB0331"),
    XA_PREPARED_LIMIT("SWB0332"),
    XA_PREPARE_FAILED("SWB0333"),
    XA_COMMIT_FAILED("SWB0334"),
    XA_ROLLBACK_FAILED("SWB0335"),
    XA_BRANCHES_RECOVERED("SWB0336"),
    XA_UNPREPARED_DISCARDED("SWB0337"),
    // 04xx: store and registry
    STORE_OPENED("SWB0401"),
    STORE_MIGRATED("SWB0402"),
    STORE_BATCH_FAILED("SWB0403"),
    STORE_WRITER_STOPPED("SWB0404"),
    STORE_RECONNECTING("SWB0405"),
    STORE_CANNOT_RECONNECT("SWB0406"),
    STORE_WRITES_ABANDONED("SWB0407"),
    STORE_CLOSE_FAILED("SWB0408"),
    REGISTRY_NOT_STORED("SWB0420"),
    REGISTRY_EXPIRED_NOT_REMOVED("SWB0421"),
    REGISTRY_OWN_NAMES_DROPPED("SWB0422"),
    REGISTRY_OWN_ENTRY_NOT_REMOVED("SWB0423"),
    REGISTRY_ENTRY_NOT_REMOVED("SWB0424"),
    // 05xx: front doors
    FRONT_DOOR_LISTENING("SWB0501"),
    FRONT_DOOR_HANDLERS("SWB0502"),
    FRONT_DOOR_DROPPING_INPUT("SWB0503"),
    FRONT_DOOR_LINE_OVERFLOW("SWB0504"),
    FRONT_DOOR_LINES_CLOSING("SWB0505"),
    // 06xx: authentication
    AUTH_ON("SWB0601"),
    AUTH_OFF_EXPOSED("SWB0602"),
    ADMIN_TOKEN_DEPRECATED("SWB0603"),
    AUTH_FAILED("SWB0604"),
    PASSWORD_CHECK_FAILED("SWB0605"),
    // 07xx: cluster
    CLUSTER_JOINED("SWB0700"),
    CLUSTER_VIEW("SWB0701"),
    CLUSTER_LEFT("SWB0702"),
    CLUSTER_ALIASES_OVER_CAP("SWB0703"),
    CLUSTER_LOCAL_OVER_CAP("SWB0704"),
    CLUSTER_BAD_MESSAGE("SWB0705"),
    CLUSTER_SEND_FAILED("SWB0706"),
    CLUSTER_LEAVE_FAILED("SWB0707"),
    CLUSTER_NODE_LOST_CALLS("SWB0720"),
    CLUSTER_BAD_LINK_MESSAGE("SWB0721"),
    CLUSTER_REGISTRY_OVER_CAP("SWB0760"),
    CLUSTER_REGISTRY_BACKLOG("SWB0761"),
    CLUSTER_BAD_REGISTRY_MESSAGE("SWB0762"),
    // 077x: shared durable state across nodes
    CLUSTER_TOOK_OVER("SWB0770"),
    CLUSTER_TAKEOVER_FAILED("SWB0771"),
    TICKET_FENCED("SWB0772"),
    HELD_CALL_FENCED("SWB0773"),
    HELD_CALL_LOST_IN_DELIVERY("SWB0774"),
    FRONT_DOOR_LINK_BAD_MESSAGE("SWB0780"),
    FRONT_DOOR_LINK_GAP("SWB0781"),
    LINK_REFUSED("SWB0750"),
    LINK_LOST("SWB0751"),
    LINK_OVERFLOW("SWB0752"),
    LINK_UNREACHABLE("SWB0753"),
    LINK_STRAY_MESSAGE("SWB0754"),
    LINK_BAD_ANNOUNCEMENT("SWB0755"),
    // 074x: server-wide bounds
    FRONT_DOOR_REFUSED("SWB0740"),
    PENDING_BYTES_OVER_LIMIT("SWB0741");

    private final String code;

    LogId(String code) {
        this.code = code;
    }

    /** The id as it appears in the log: {@code SWB0101}. */
    public String code() {
        return code;
    }

    @Override
    public String toString() {
        return code;
    }
}
