package io.switchboard.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.testsupport.Poll;
import org.junit.jupiter.api.Test;

/**
 * The sample's annotated message-driven beans, bound to switchboard.rar in GlassFish, publish their sessions on the
 * test server and answer the calls the sample's EJB makes through the pool.
 */
class InboundIT extends GlassFishTest {

    @Test
    void theGreeterBeanAnswersCalls() {
        Poll.until(
                "the greeter bean has published",
                () -> SampleApp.get("call/greeter/time").status() == 200);

        SampleApp.Reply named = SampleApp.call("greeter", "hello", "\"Ada\"");
        assertThat(named.status()).as("%s", named).isEqualTo(200);
        assertThat(named.body().asText()).isEqualTo("Hello, Ada!");
    }

    @Test
    void theInventoryBeanReservesAndReleases() {
        Poll.until(
                "the inventory bean has published",
                () -> SampleApp.get("inventory").status() == 200);
        int before = available("apple");

        SampleApp.Reply reserved = SampleApp.post("inventory/reserve", "{\"sku\":\"apple\",\"quantity\":2}");
        assertThat(reserved.status()).as("%s", reserved).isEqualTo(200);
        assertThat(reserved.body().path("available").asInt()).isEqualTo(before - 2);

        SampleApp.Reply released = SampleApp.post("inventory/release", "{\"sku\":\"apple\",\"quantity\":2}");
        assertThat(released.body().path("available").asInt()).isEqualTo(before);
    }

    private static int available(String sku) {
        for (JsonNode level : SampleApp.get("inventory").body()) {
            if (level.path("sku").asText().equals(sku)) {
                return level.path("available").asInt();
            }
        }
        throw new AssertionError("no " + sku + " in the inventory");
    }
}
