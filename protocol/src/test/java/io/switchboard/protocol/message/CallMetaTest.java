package io.switchboard.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallMetaTest {

    @Test
    void nothingToSayIsNone() {
        assertThat(CallMeta.of(null, null)).isSameAs(CallMeta.NONE);
        assertThat(CallMeta.of("", Map.of())).isSameAs(CallMeta.NONE);
        assertThat(CallMeta.NONE.isEmpty()).isTrue();
        assertThat(CallMeta.caller("shop").isEmpty()).isFalse();
        assertThat(CallMeta.headers(Map.of("a", "")).isEmpty()).isFalse();
    }

    @Test
    void keepsHeaderOrderAndCannotBeChangedThroughTheCallersMap() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("z", "1");
        headers.put("a", "2");
        CallMeta meta = CallMeta.of("shop", headers);
        headers.put("b", "3");
        assertThat(meta.headers().keySet()).containsExactly("z", "a");
        assertThatThrownBy(() -> meta.headers().put("c", "4")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void wireSizeCountsCallerCountAndEveryPair() {
        // caller: 1 + 4; count: 1; "trace"="42": 1 + 5 + 2 + 2; "ü"="é": 1 + 2 + 2 + 2
        CallMeta meta = CallMeta.of("shop", orderedMap("trace", "42", "ü", "é"));
        assertThat(meta.wireSize()).isEqualTo(5 + 1 + 10 + 7);
        assertThat(CallMeta.NONE.wireSize()).isEqualTo(2);
    }

    @Test
    void theServersCallerReplacesTheCallersAndKeepsItsHeaders() {
        CallMeta fromCaller = CallMeta.of("i-am-admin", Map.of("trace", "42"));
        CallMeta connection = CallMeta.caller("shop");
        CallMeta forwarded = connection.withHeadersOf(fromCaller);
        assertThat(forwarded.caller()).isEqualTo("shop");
        assertThat(forwarded.headers()).isEqualTo(Map.of("trace", "42"));
        assertThat(forwarded.wireSize()).isEqualTo(1 + 4 + 1 + (1 + 5 + 2 + 2));
        assertThat(connection.withHeadersOf(CallMeta.NONE)).isSameAs(connection);
    }

    @Test
    void refusesWhatTheWireCannotCarry() {
        assertThatThrownBy(() -> CallMeta.caller("c".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("caller name")
                .hasMessageContaining("256 UTF-8 bytes; the most is 255");
        assertThatThrownBy(() -> CallMeta.headers(Map.of("", "v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a header name must not be empty");
        assertThatThrownBy(() -> CallMeta.headers(Map.of("é".repeat(128), "v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 UTF-8 bytes; the most is 255");
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("k", null);
        assertThatThrownBy(() -> CallMeta.headers(nullValue))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header 'k' has no value (null)");
        assertThatThrownBy(() -> CallMeta.headers(Map.of("k", "v".repeat(65536))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the value of header 'k' is 65536");
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 256; i++) {
            many.put("h" + i, "");
        }
        assertThatThrownBy(() -> CallMeta.headers(many))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("256 headers; the most is 255");
        many.remove("h0");
        assertThat(CallMeta.headers(many).headers()).hasSize(255);
        assertThat(CallMeta.headers(Map.of("k", "v".repeat(65535))).headers()).containsKey("k");
    }

    static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
