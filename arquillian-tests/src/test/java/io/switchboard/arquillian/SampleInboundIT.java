package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.client.SessionInfo;
import io.switchboard.testsupport.Poll;
import org.jboss.as.arquillian.api.ServerSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample whole, both directions in one application: its message-driven beans publish {@code inventory} and
 * {@code greeter}, and its EJB calls them through the pool, driven over REST as with curl. A plain client outside
 * WildFly sees the sessions too.
 */
@ServerSetup(SampleInboundIT.Setup.class)
class SampleInboundIT extends WholeSampleDeployments {

    static class Setup extends AdapterSetup {}

    @BeforeEach
    void beansHavePublished() {
        Poll.until(
                "the sample's inventory session answers",
                () -> SampleApp.get("inventory").ok());
        Poll.until(
                "the sample's greeter session answers",
                () -> SampleApp.get("call/greeter/time").ok());
    }

    /**
     * The beans above published, so they are bound to switchboard.rar; the war names the adapter only in
     * WEB-INF/jboss-ejb3.xml (no WildFly annotation in any class), so that descriptor is what bound them.
     */
    @Test
    void theMessageDrivenBeansAreBoundToTheAdapterByTheDescriptorAlone() throws Exception {
        var sample = SampleDeployments.wholeSample();
        String bindings = new String(
                sample.get("/WEB-INF/jboss-ejb3.xml").getAsset().openStream().readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        for (String bean : SampleDeployments.MESSAGE_DRIVEN_BEANS) {
            String simpleName = bean.substring(bean.lastIndexOf('.') + 1);
            assertThat(bindings)
                    .contains("<jee:ejb-name>" + simpleName + "</jee:ejb-name>\n"
                            + "      <mdb:resource-adapter-name>switchboard.rar</mdb:resource-adapter-name>");
        }
        sample.getContent().forEach((path, node) -> {
            if (path.get().endsWith(".class")) {
                try (var in = node.getAsset().openStream()) {
                    String bytes = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
                    assertThat(bytes).as(path.get()).doesNotContain("org/jboss/");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        assertThat(SampleApp.get("call/greeter/time").ok()).isTrue();
    }

    @Test
    void reserveAndReleaseGoThroughTheEjbToTheInventoryBean() {
        int before = available("apple");

        SampleApp.Reply reserved = SampleApp.post("inventory/reserve", "{\"sku\":\"apple\",\"quantity\":3}");
        assertThat(reserved.status()).as("%s", reserved).isEqualTo(200);
        assertThat(reserved.body().path("sku").asText()).isEqualTo("apple");
        assertThat(reserved.body().path("available").asInt()).isEqualTo(before - 3);

        SampleApp.Reply released = SampleApp.post("inventory/release", "{\"sku\":\"apple\",\"quantity\":3}");
        assertThat(released.status()).as("%s", released).isEqualTo(200);
        assertThat(released.body().path("available").asInt()).isEqualTo(before);
    }

    @Test
    void refusedReservationsGetClearErrorsAndChangeNothing() {
        JsonNode before = SampleApp.get("inventory").body();

        SampleApp.Reply outOfStock = SampleApp.post("inventory/reserve", "{\"sku\":\"plum\",\"quantity\":1}");
        assertThat(outOfStock.status()).as("%s", outOfStock).isEqualTo(502);
        assertThat(outOfStock.code()).isEqualTo("handler-error");
        assertThat(outOfStock.body().path("message").asText()).contains("only 0 plum left");

        SampleApp.Reply unknown = SampleApp.post("inventory/reserve", "{\"sku\":\"kiwi\",\"quantity\":1}");
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(502);
        assertThat(unknown.body().path("message").asText()).contains("unknown article kiwi");

        SampleApp.Reply negative = SampleApp.post("inventory/reserve", "{\"sku\":\"apple\",\"quantity\":-2}");
        assertThat(negative.status()).as("%s", negative).isEqualTo(502);
        assertThat(negative.body().path("message").asText()).contains("quantity must be positive");

        for (String malformed : new String[] {"{\"sku\":\"apple\"", "{\"sku\":\"apple\",\"quantity\":\"x\"}", ""}) {
            SampleApp.Reply refused = SampleApp.post("inventory/reserve", malformed);
            assertThat(refused.status()).as("%s for %s", refused, malformed).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("bad-request");
            assertThat(refused.body().path("message").asText()).contains("must be a reservation");
        }

        assertThat(SampleApp.get("inventory").body()).isEqualTo(before);
    }

    @Test
    void greeterAnswersWithTheNameOrTheCallersClientName() {
        SampleApp.Reply named = SampleApp.call("greeter", "hello", "Ada");
        assertThat(named.status()).as("%s", named).isEqualTo(200);
        assertThat(named.body().asText()).isEqualTo("Hello, Ada!");

        // Without a name the bean greets the caller: the pool's clientName, as the server reports it.
        SampleApp.Reply anonymous = SampleApp.call("greeter", "hello", null);
        assertThat(anonymous.body().asText()).isEqualTo("Hello, arquillian-tests!");

        SampleApp.Reply unknown = SampleApp.call("greeter", "goodbye", null);
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("unknown-method");
    }

    @Test
    void aPlainClientOutsideWildFlySeesBothSessions() {
        try (PlainCaller caller = new PlainCaller("it-sample-caller")) {
            SessionInfo inventory = caller.awaitPublished("inventory", Poll.DEADLINE);
            assertThat(inventory.methods()).containsExactlyInAnyOrder("reserve", "release", "levels");
            assertThat(inventory.idempotent()).containsExactly("levels");

            SessionInfo greeter = caller.awaitPublished("greeter", Poll.DEADLINE);
            assertThat(greeter.methods()).containsExactlyInAnyOrder("hello", "time");
            assertThat(greeter.idempotent()).containsExactlyInAnyOrder("hello", "time");

            assertThat(caller.call("greeter", "hello", null, String.class)).isEqualTo("Hello, it-sample-caller!");
        }
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
