package io.switchboard.server.frontdoor;

/** What happens to a line's input that does not fit its buffer while it cannot be delivered. */
public enum OverflowPolicy {
    /** The input is dropped, counted, and the user is sent the overflow notice. */
    DROP,
    /** The line is closed with the reason {@code input buffer full}. */
    CLOSE
}
