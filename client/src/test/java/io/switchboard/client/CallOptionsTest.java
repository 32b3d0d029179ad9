package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallOptionsTest {

    @Test
    void emptyOptionsLeaveTheTimeoutToTheClientAndCarryNoHeaders() {
        CallOptions none = CallOptions.builder().build();
        assertThat(none.timeout()).isEmpty();
        assertThat(none.headers()).isEmpty();
    }

    @Test
    void keepsTimeoutAndHeadersInTheOrderAddedAndCannotBeChangedAfterwards() {
        Map<String, String> more = new LinkedHashMap<>();
        more.put("b", "2");
        more.put("a", "1");
        CallOptions.Builder builder = CallOptions.builder()
                .timeout(Duration.ofSeconds(2))
                .header("z", "0")
                .headers(more);
        CallOptions options = builder.build();
        builder.header("late", "x");
        more.put("c", "3");

        assertThat(options.timeout()).contains(Duration.ofSeconds(2));
        assertThat(options.headers().keySet()).containsExactly("z", "b", "a");
        assertThatThrownBy(() -> options.headers().put("d", "4")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(CallOptions.builder()
                        .header("k", "1")
                        .header("k", "2")
                        .build()
                        .headers())
                .containsExactly(Map.entry("k", "2"));
        assertThat(options.toString()).doesNotContain("\"1\"").contains("[z, b, a]");
    }

    @Test
    void refusesHeadersTheWireCannotCarry() {
        assertThatThrownBy(() -> CallOptions.builder().header("", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a header name must not be empty");
        assertThatThrownBy(() -> CallOptions.builder().header(null, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a header name must not be empty");
        assertThatThrownBy(() -> CallOptions.builder().header("k", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header 'k' has no value (null)");
        assertThatThrownBy(() -> CallOptions.builder().header("n".repeat(256), "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is 256 UTF-8 bytes; the most is 255");
        assertThatThrownBy(() -> CallOptions.builder().header("k", "ü".repeat(32768)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the value of header 'k' is 65536 UTF-8 bytes; the most is 65535");
        Map<String, String> withNull = new HashMap<>();
        withNull.put("k", null);
        assertThatThrownBy(() -> CallOptions.builder().headers(withNull)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesTheTwoHundredFiftySixthHeader() {
        CallOptions.Builder builder = CallOptions.builder();
        for (int i = 0; i < 255; i++) {
            builder.header("h" + i, "");
        }
        assertThatThrownBy(() -> builder.header("one-more", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a call carries at most 255 headers; 'one-more' would be one more");
        // Replacing a value is not one more, and the refused header left nothing behind.
        assertThat(builder.header("h0", "new").build().headers())
                .hasSize(255)
                .containsEntry("h0", "new")
                .doesNotContainKey("one-more");
    }

    @Test
    void refusesTimeoutsTheProtocolCannotSay() {
        assertThatThrownBy(() -> CallOptions.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1 ms");
        assertThatThrownBy(() -> CallOptions.builder().timeout(Duration.ofMillis(-5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallOptions.builder().timeout(Duration.ofDays(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too long");
    }
}
