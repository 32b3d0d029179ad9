package io.switchboard.jca.api;

import java.util.List;

/**
 * What a broadcast to front door lines did.
 *
 * @param sent    how many open lines it was sent to
 * @param missing the line ids asked for that are not open (the user left, or the id is wrong)
 */
public record BroadcastResult(int sent, List<String> missing) {

    public BroadcastResult {
        missing = List.copyOf(missing);
    }
}
