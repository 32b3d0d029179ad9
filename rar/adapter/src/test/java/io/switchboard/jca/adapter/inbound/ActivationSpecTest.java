package io.switchboard.jca.adapter.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.client.ClientOptions;
import io.switchboard.client.ServerUrl;
import io.switchboard.jca.adapter.ConnectionProperties;
import io.switchboard.jca.adapter.JavaBeans;
import io.switchboard.protocol.Codec;
import jakarta.resource.spi.InvalidPropertyException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationSpecTest {

    private static SwitchboardActivationSpec spec(Consumer<SwitchboardActivationSpec> change) {
        SwitchboardActivationSpec spec = new SwitchboardActivationSpec();
        spec.setAlias("inventory");
        change.accept(spec);
        return spec;
    }

    private static void rejects(Consumer<SwitchboardActivationSpec> change, String... words) {
        assertThatThrownBy(() -> spec(change).validate())
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContainingAll(words);
    }

    @Test
    void anAliasAloneIsEnoughAndTheDefaultsAreDocumented() throws Exception {
        assertThatCode(() -> spec(s -> {}).validate()).doesNotThrowAnyException();
        ActivationSettings settings =
                ActivationSettings.of(spec(s -> {}), InboundBed.adapterAt("tcp://127.0.0.1:7420"));
        assertThat(settings.maxConcurrency()).isEqualTo(8);
        assertThat(settings.maxRedeliveries()).isEqualTo(1);
        assertThat(settings.redeliveries()).as("only a hold session redelivers").isZero();
        ActivationSettings hold = ActivationSettings.of(
                spec(s -> {
                    s.setPolicy("hold");
                    s.setMaxRedeliveries(3);
                }),
                InboundBed.adapterAt("tcp://127.0.0.1:7420"));
        assertThat(hold.redeliveries()).isEqualTo(3);
        assertThat(settings.reconnectInitial().toMillis()).isEqualTo(500);
        assertThat(settings.reconnectMax().toMillis()).isEqualTo(30_000);
        assertThat(settings.drainTimeout().toMillis()).isEqualTo(10_000);
        assertThat(settings.serverUrls()).containsExactly("tcp://127.0.0.1:7420");
    }

    @Test
    void badValuesAreRejectedNamingTheProperty() {
        rejects(s -> s.setAlias(null), "alias", "blank");
        rejects(s -> s.setAlias(" "), "alias");
        rejects(s -> s.setMaxConcurrency(0), "maxConcurrency", "between 1");
        rejects(s -> s.setMaxRedeliveries(-1), "maxRedeliveries", "between 0 and 100", "not -1");
        rejects(s -> s.setMaxRedeliveries(101), "maxRedeliveries", "between 0 and 100");
        rejects(s -> s.setReconnectInitialMillis(0L), "reconnectInitialMillis");
        rejects(
                s -> {
                    s.setReconnectInitialMillis(5_000L);
                    s.setReconnectMaxMillis(1_000L);
                },
                "reconnectMaxMillis",
                "reconnectInitialMillis");
        rejects(s -> s.setCodec("xml"), "codec", "xml");
        rejects(s -> s.setPolicy("sometimes"), "policy", "sometimes");
        rejects(s -> s.setServerUrls("http://example.com"), "serverUrls", "'inventory'");
        rejects(
                s -> {
                    s.setMethods("reserve,release");
                    s.setIdempotentMethods("restock");
                },
                "idempotentMethods",
                "restock");
        rejects(s -> s.setDrainTimeoutMillis(-1L), "drainTimeoutMillis");
        rejects(s -> s.setMethods("x".repeat(300)), "methods");
    }

    @Test
    void withoutServerUrlsAnywhereTheActivationIsRefused() {
        assertThatThrownBy(() -> ActivationSettings.of(spec(s -> {}), InboundBed.adapterAt(null)))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("serverUrls");
    }

    @Test
    void theSpecsOwnServerUrlsWinOverTheAdapters() throws Exception {
        ActivationSettings settings = ActivationSettings.of(
                spec(s -> s.setServerUrls("unix:///run/sb.sock," + " tcp://10.0.0.2:7420")),
                InboundBed.adapterAt("tcp://127.0.0.1:7420"));
        assertThat(settings.serverUrls()).containsExactly("unix:///run/sb.sock", "tcp://10.0.0.2:7420");
    }

    @Test
    void serverUrlsAreAListInOrderABadElementIsNamedAndTheSameListIsTheSameSpec() throws Exception {
        rejects(
                s -> s.setServerUrls("tcp://10.0.0.1:7420,tcp:/10.0.0.2:7420"),
                "serverUrls",
                "element 2",
                "tcp:/10.0.0.2:7420");
        rejects(s -> s.setServerUrls("tcp://10.0.0.1:7420,,tcp://10.0.0.2:7420"), "serverUrls", "element 2", "empty");
        SwitchboardActivationSpec spaced = spec(s -> s.setServerUrls("tcp://10.0.0.1:7420 , tcp://10.0.0.2:7420"));
        SwitchboardActivationSpec tight = spec(s -> s.setServerUrls("tcp://10.0.0.1:7420,tcp://10.0.0.2:7420"));
        assertThat(spaced).isEqualTo(tight).hasSameHashCodeAs(tight);
        assertThat(spaced).isNotEqualTo(spec(s -> s.setServerUrls("tcp://10.0.0.2:7420,tcp://10.0.0.1:7420")));
        assertThat(ActivationSettings.of(spaced, null).clientOptions(null, null).urls())
                .extracting(Object::toString)
                .containsExactly("tcp://10.0.0.1:7420", "tcp://10.0.0.2:7420");
    }

    @Test
    void afterALossTheNextConnectionStartsAtTheUrlAfterTheLostOne() {
        java.util.List<String> urls = java.util.List.of("tcp://a:1", "tcp://b:2", "tcp://c:3");
        assertThat(ActivationSettings.startingAfter(urls, null)).isEqualTo(urls);
        assertThat(ActivationSettings.startingAfter(urls, ServerUrl.parse("tcp://a:1")))
                .containsExactly("tcp://b:2", "tcp://c:3", "tcp://a:1");
        assertThat(ActivationSettings.startingAfter(urls, ServerUrl.parse("tcp://c:3")))
                .containsExactly("tcp://a:1", "tcp://b:2", "tcp://c:3");
        assertThat(ActivationSettings.startingAfter(urls, ServerUrl.parse("tcp://elsewhere:9")))
                .as("a registry URL's endpoint is not in the list: the configured order")
                .isEqualTo(urls);
    }

    @Test
    void eachSharedPropertyTheSpecLeavesUnsetComesFromTheAdapterElseTheDefault() throws Exception {
        ConnectionProperties adapter = InboundBed.adapterAt("tcp://127.0.0.1:7001");
        ClientOptions defaults = ActivationSettings.of(spec(s -> {}), adapter).clientOptions(null, null);
        assertThat(defaults.clientName()).isEqualTo("switchboard-mdb-inventory");
        assertThat(defaults.codec()).isEqualTo(Codec.CBOR);
        assertThat(defaults.connectTimeout()).hasMillis(5_000);

        adapter.setClientName("from-the-adapter");
        adapter.setCodec("JSON");
        adapter.setConnectTimeoutMillis(1_234L);
        ClientOptions fromAdapter =
                ActivationSettings.of(spec(s -> {}), adapter).clientOptions(null, null);
        assertThat(fromAdapter.clientName()).isEqualTo("from-the-adapter");
        assertThat(fromAdapter.codec()).isEqualTo(Codec.JSON);
        assertThat(fromAdapter.connectTimeout()).hasMillis(1_234);

        ClientOptions own = ActivationSettings.of(
                        spec(s -> {
                            s.setClientName("own");
                            s.setCodec("SMILE");
                            s.setConnectTimeoutMillis(4_321L);
                        }),
                        adapter)
                .clientOptions(null, null);
        assertThat(own.clientName()).isEqualTo("own");
        assertThat(own.codec()).isEqualTo(Codec.SMILE);
        assertThat(own.connectTimeout()).hasMillis(4_321);
    }

    static Stream<Arguments> everyProperty() {
        return Stream.of(
                property("alias", (s, i) -> s.setAlias("alias" + i)),
                property("methods", (s, i) -> s.setMethods("m" + i)),
                property("idempotentMethods", (s, i) -> s.setIdempotentMethods("m" + i)),
                property("policy", (s, i) -> s.setPolicy(i == 0 ? "hold" : "reroute")),
                property("maxConcurrency", (s, i) -> s.setMaxConcurrency(1 + i)),
                property("maxRedeliveries", (s, i) -> s.setMaxRedeliveries(i)),
                property("serverUrls", (s, i) -> s.setServerUrls("tcp://127.0.0.1:" + (7000 + i))),
                property("clientName", (s, i) -> s.setClientName("name" + i)),
                property("codec", (s, i) -> s.setCodec(i == 0 ? "JSON" : "SMILE")),
                property("reconnectInitialMillis", (s, i) -> s.setReconnectInitialMillis(100L + i)),
                property("reconnectMaxMillis", (s, i) -> s.setReconnectMaxMillis(1_000L + i)),
                property("connectTimeoutMillis", (s, i) -> s.setConnectTimeoutMillis(1_000L + i)),
                property("drainTimeoutMillis", (s, i) -> s.setDrainTimeoutMillis(1_000L + i)),
                property("userName", (s, i) -> s.setUserName("user" + i)),
                property("password", (s, i) -> s.setPassword("secret" + i)),
                property("tlsTrustCertificates", (s, i) -> s.setTlsTrustCertificates("/ca" + i + ".pem")),
                property("tlsTrustStore", (s, i) -> s.setTlsTrustStore("/trust" + i + ".p12")),
                property("tlsTrustStorePassword", (s, i) -> s.setTlsTrustStorePassword("t" + i)),
                property("tlsTrustStoreType", (s, i) -> s.setTlsTrustStoreType(i == 0 ? "JKS" : "PKCS12")),
                property("tlsKeyStore", (s, i) -> s.setTlsKeyStore("/key" + i + ".p12")),
                property("tlsKeyStorePassword", (s, i) -> s.setTlsKeyStorePassword("k" + i)),
                property("tlsKeyStoreType", (s, i) -> s.setTlsKeyStoreType(i == 0 ? "JKS" : "PKCS12")),
                property("tlsHostnameVerification", (s, i) -> s.setTlsHostnameVerification(i == 0)));
    }

    private static Arguments property(String name, BiConsumer<SwitchboardActivationSpec, Integer> set) {
        return Arguments.of(name, set);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyProperty")
    void equalsAndHashCodeCoverEveryProperty(String name, BiConsumer<SwitchboardActivationSpec, Integer> set) {
        SwitchboardActivationSpec a = spec(s -> {});
        SwitchboardActivationSpec b = spec(s -> {});
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);

        set.accept(a, 0);
        assertThat(a).as("differs in " + name).isNotEqualTo(b);
        set.accept(b, 1);
        assertThat(a).as("differs in " + name).isNotEqualTo(b);
        set.accept(b, 0);
        assertThat(a).as("same " + name).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void everyJavaBeanPropertyIsCoveredAndTheSharedOnesAreAmongThem() throws Exception {
        Set<String> covered = everyProperty().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        assertThat(JavaBeans.properties(SwitchboardActivationSpec.class)).isEqualTo(covered);
        Set<String> shared = JavaBeans.properties(ConnectionProperties.class);
        assertThat(covered).as("an activation offers every shared property").containsAll(shared);
    }

    @Test
    void toStringNeverShowsAPassword() {
        SwitchboardActivationSpec spec = spec(s -> {
            s.setUserName("mdb-user");
            s.setPassword("mdb-secret");
            s.setTlsKeyStore("/k.p12");
            s.setTlsKeyStorePassword("key-secret");
        });
        assertThat(spec.toString())
                .contains("mdb-user")
                .doesNotContain("mdb-secret")
                .doesNotContain("key-secret");
    }

    @Test
    void aPasswordWithoutAUserIsRefusedWithoutShowingIt() {
        SwitchboardActivationSpec spec = spec(s -> s.setPassword("lonely-secret"));
        assertThatThrownBy(spec::validate)
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("password")
                .hasMessageContaining("userName")
                .hasMessageNotContaining("lonely-secret");
    }

    @Test
    void equalWhenConfiguredAlike() {
        SwitchboardActivationSpec a = spec(s -> s.setMaxConcurrency(4));
        SwitchboardActivationSpec b = spec(s -> s.setMaxConcurrency(4));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(spec(s -> s.setMaxConcurrency(5)));
        assertThat(a).isNotEqualTo(spec(s -> s.setAlias("other")));
        assertThat(a).isNotEqualTo(spec(s -> {
            s.setMaxConcurrency(4);
            s.setPolicy("hold");
        }));
    }
}
