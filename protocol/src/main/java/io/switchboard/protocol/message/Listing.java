package io.switchboard.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.SessionPolicy;
import java.util.List;

/**
 * Server to client: the sessions published now, sorted by alias. An answer too large for one frame comes as several
 * LISTINGs with the same {@code req}, each but the last with {@code more} true; the sessions are their concatenation.
 *
 * @param more true on every page of the answer but the last; absent (null) on the last or only one
 */
public record Listing(long req, List<SessionInfo> sessions, Boolean more) implements Message {

    /** A complete answer in one frame. */
    public Listing(long req, List<SessionInfo> sessions) {
        this(req, sessions, null);
    }

    /** Whether pages of this answer follow. */
    public boolean hasMore() {
        return Boolean.TRUE.equals(more);
    }

    /**
     * @param alias      the session's name
     * @param methods    its methods
     * @param idempotent its idempotent methods
     * @param publishers how many connections publish it
     * @param policy     the session's policy ({@code fail}, {@code hold}, {@code reroute}); absent from servers
     *                   older than the field
     * @param away       true for a {@code hold} session whose definition the server keeps while no publisher is
     *                   connected (then {@code publishers} is 0); absent or false otherwise
     */
    public record SessionInfo(
            String alias,
            List<String> methods,
            List<String> idempotent,
            int publishers,
            SessionPolicy policy,
            Boolean away) {

        /**
         * How a LISTING is read: a policy this version does not know (from a newer server) is read as none, so the
         * rest of the listing still arrives.
         */
        @JsonCreator
        static SessionInfo read(
                @JsonProperty("alias") String alias,
                @JsonProperty("methods") List<String> methods,
                @JsonProperty("idempotent") List<String> idempotent,
                @JsonProperty("publishers") int publishers,
                @JsonProperty("policy") String policy,
                @JsonProperty("away") Boolean away) {
            return new SessionInfo(alias, methods, idempotent, publishers, SessionPolicy.knownOrNull(policy), away);
        }

        /** A session without policy information, as servers before policies listed it. */
        public SessionInfo(String alias, List<String> methods, List<String> idempotent, int publishers) {
            this(alias, methods, idempotent, publishers, null, null);
        }

        /** Whether the session is listed only from its kept definition: no publisher is connected. */
        public boolean listedAway() {
            return Boolean.TRUE.equals(away);
        }
    }

    @Override
    public FrameType frameType() {
        return FrameType.LISTING;
    }
}
