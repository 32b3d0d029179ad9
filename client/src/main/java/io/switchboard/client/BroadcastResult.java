package io.switchboard.client;

import java.util.List;

/**
 * What a broadcast did.
 *
 * @param sent    how many open lines it was queued for
 * @param missing the ids asked for that are not open (the user left, or the id is wrong)
 */
public record BroadcastResult(int sent, List<String> missing) {

    public BroadcastResult {
        missing = List.copyOf(missing);
    }
}
