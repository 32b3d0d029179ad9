package io.switchboard.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The JSON line of one event: flat fields, the id lifted out of the message, one line whatever it holds. */
class JsonLineEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = new LoggerContext();
    private final JsonLineEncoder encoder = new JsonLineEncoder();

    private String encode(Level level, String format, Object... args) {
        LoggingEvent event =
                new LoggingEvent("test", context.getLogger("io.switchboard.Test"), level, format, null, args);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void theIdBecomesAFieldOfItsOwn() throws Exception {
        String line = encode(Level.WARN, "{} refusing a connection from {}", LogId.CONNECTION_REFUSED, "10.0.0.1");
        assertThat(line).endsWith("}\n").hasLineCount(1);
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("id").asText()).isEqualTo("SWB0203");
        assertThat(node.get("message").asText()).isEqualTo("refusing a connection from 10.0.0.1");
        assertThat(node.get("level").asText()).isEqualTo("WARN");
        assertThat(node.get("logger").asText()).isEqualTo("io.switchboard.Test");
        assertThat(node.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void onlyALeadingIdCounts() throws Exception {
        JsonNode inside = JSON.readTree(encode(Level.INFO, "user SWB0203 said hello"));
        assertThat(inside.has("id")).isFalse();
        assertThat(inside.get("message").asText()).isEqualTo("user SWB0203 said hello");
        JsonNode tooShort = JSON.readTree(encode(Level.INFO, "SWB12 x"));
        assertThat(tooShort.has("id")).isFalse();
    }

    @Test
    void controlCharactersAndQuotesStayInsideOneLine() throws Exception {
        String message = "a \"quoted\"\nsecond line\tand \u0001 and ünïcödé";
        String line = encode(Level.ERROR, message);
        assertThat(line).hasLineCount(1);
        assertThat(JSON.readTree(line).get("message").asText()).isEqualTo(message);
    }
}
