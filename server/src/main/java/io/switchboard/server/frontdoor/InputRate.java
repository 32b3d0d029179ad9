package io.switchboard.server.frontdoor;

/**
 * A line's input rate limit: a token bucket holding up to twice the per-second rate, refilled continuously.
 * Not thread-safe: a line's bucket is used on its event loop only; {@link AddressLimits} locks its buckets.
 */
final class InputRate {

    private final double tokensPerNano;
    private final double burst;
    private double tokens;
    private long last;

    InputRate(int perSecond) {
        this.tokensPerNano = perSecond / 1e9;
        this.burst = 2.0 * perSecond;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /** Takes one token; false when the line sends faster than its rate. */
    boolean tryTake() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Whether the bucket has refilled to its burst: it then remembers nothing a new bucket would not. */
    boolean isFull() {
        refill();
        return tokens >= burst;
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * tokensPerNano);
        last = now;
    }
}
