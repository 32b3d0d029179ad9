package io.switchboard.client;

import io.switchboard.protocol.message.CallMeta;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to make one call: its timeout and the headers the publisher receives with it (see
 * {@link IncomingCall#headers()}). Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * CallOptions options = CallOptions.builder().timeout(Duration.ofSeconds(2)).header("trace", traceId).build();
 * Stock s = client.call("inventory", "stock", item, Stock.class, options);
 * }</pre>
 *
 * <p>Headers travel as text: names of 1 to 255 UTF-8 bytes, values of at most 65535, at most 255 of them. Names
 * are case-sensitive. The publisher learns who calls from the server, so a header cannot stand in for that.
 */
public final class CallOptions {

    private final Duration timeout;
    /** Checked and copied: sent as is with every call made with these options. */
    private final CallMeta meta;

    private CallOptions(Builder b) {
        this.timeout = b.timeout;
        this.meta = CallMeta.headers(b.headers); // every header was checked as it was added
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The call's timeout; empty means the client's {@link ClientOptions#callTimeout()}. */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** The headers, unmodifiable, in the order they were added. */
    public Map<String, String> headers() {
        return meta.headers();
    }

    /** The headers as the DELIVER carries them. */
    CallMeta meta() {
        return meta;
    }

    @Override
    public String toString() {
        // Header values may be secrets (tokens): names only.
        return "CallOptions[timeout=" + timeout + ", headers=" + meta.headers().keySet() + "]";
    }

    /** Builds {@link CallOptions}; each header is checked as it is added. */
    public static final class Builder {
        private Duration timeout;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {}

        /** The call's timeout: positive, at most what the protocol's u32 milliseconds can say. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.toMillis() == 0) {
                throw new IllegalArgumentException("timeout must be at least 1 ms, not " + timeout);
            }
            if (timeout.toMillis() > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("timeout " + timeout + " is too long for the protocol");
            }
            this.timeout = timeout;
            return this;
        }

        /** Adds a header, or replaces the value of one with the same name. */
        public Builder header(String name, String value) {
            CallMeta.checkHeader(name, value);
            headers.put(name, value);
            if (headers.size() > CallMeta.MAX_HEADERS) {
                headers.remove(name);
                throw new IllegalArgumentException("a call carries at most " + CallMeta.MAX_HEADERS + " headers; '"
                        + name + "' would be one more");
            }
            return this;
        }

        /** Adds every header of {@code headers}, in its iteration order, as {@link #header} does. */
        public Builder headers(Map<String, String> headers) {
            Objects.requireNonNull(headers, "headers").forEach(this::header);
            return this;
        }

        public CallOptions build() {
            return new CallOptions(this);
        }
    }
}
