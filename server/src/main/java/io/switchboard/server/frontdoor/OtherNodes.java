package io.switchboard.server.frontdoor;

import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.routing.Caller;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The other nodes of a cluster as the front doors see them (docs/front-door.md, "Front doors in a cluster"): which
 * of them publish a handler alias, how an event reaches a handler instance there, and how a {@code $lines} call
 * reaches lines that live there. Implemented by the cluster; {@link #NONE} without one. Any thread.
 */
public interface OtherNodes {

    /** Nodes publishing {@code alias} now (names, in the current view), this node excluded. */
    Set<String> publishing(String alias);

    /** Whether {@code node} is in the current view. */
    boolean isMember(String node);

    /** Whether there is any other member to ask. */
    boolean hasOthers();

    /**
     * Forwards one event to {@code node}, which hands it to a publisher of {@code alias} of its own. Its RESULT (one,
     * always: the result, the deadline, or {@code publisher-lost} when the node leaves) comes to {@code caller}.
     *
     * @return null when forwarded, else the RESULT refusing it
     */
    Result forwardEvent(
            String node,
            Caller caller,
            long callerId,
            String alias,
            String method,
            CallMeta meta,
            byte[] payload,
            long timeoutMs);

    /**
     * Asks other nodes to answer a {@code $lines} call that this node could not answer itself: the node known to
     * hold {@code line}, else every other member. {@code answers} is called once, with one RESULT per node asked (a
     * node that left or did not answer in time counts as {@code no-such-line}).
     *
     * @param line the line the call is about; null for a broadcast (every member is asked)
     */
    void lines(String line, Codec codec, String method, byte[] payload, Consumer<List<Result>> answers);

    OtherNodes NONE = new OtherNodes() {
        @Override
        public Set<String> publishing(String alias) {
            return Set.of();
        }

        @Override
        public boolean isMember(String node) {
            return false;
        }

        @Override
        public boolean hasOthers() {
            return false;
        }

        @Override
        public Result forwardEvent(
                String node,
                Caller caller,
                long callerId,
                String alias,
                String method,
                CallMeta meta,
                byte[] payload,
                long timeoutMs) {
            throw new IllegalStateException("no cluster: no instance lives on another node");
        }

        @Override
        public void lines(String line, Codec codec, String method, byte[] payload, Consumer<List<Result>> answers) {
            answers.accept(List.of());
        }
    };
}
