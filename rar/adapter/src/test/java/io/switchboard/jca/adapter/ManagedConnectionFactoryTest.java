package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The connection definition as a JavaBean: defaults, identity, and refusing bad values by name. */
class ManagedConnectionFactoryTest {

    private final TestConnectionManager cm = new TestConnectionManager();

    @Test
    void defaultsAreTheDocumentedOnes() throws Exception {
        SwitchboardManagedConnectionFactory f = new SwitchboardManagedConnectionFactory();
        assertThat(f.getServerUrls()).isEqualTo("tcp://127.0.0.1:7420");
        assertThat(f.getClientName()).isEqualTo("switchboard-rar");
        assertThat(f.getCallTimeoutMillis()).isEqualTo(30_000L);
        assertThat(f.getConnectTimeoutMillis()).isEqualTo(5_000L);
        assertThat(f.getCodec()).isEqualTo("CBOR");
        assertThat(f.getPingTimeout()).isEqualTo(10);
        assertThat(f.getValidationTimeoutMillis()).isEqualTo(2_000L);
        assertThat(f.getServerUrlOrder()).isEqualTo("in-order");
        assertThat(f.getUserName()).isNull();
        assertThat(f.getPassword()).isNull();
        assertThat(f.getMaxDeferredCalls()).isEqualTo(1000);
        assertThat(f.getSharedConnections()).isEqualTo(2);
        // A factory implementing TransactionSupport overrides the deployment's level (IronJacamar, JCA 7.13): the
        // level is the container's configuration (transaction-support), at most ra.xml's XATransaction.
        assertThat(f).isNotInstanceOf(TransactionSupport.class);
        assertThat(f.createConnectionFactory(cm)).isInstanceOf(SwitchboardConnectionFactoryImpl.class);
    }

    static Stream<Arguments> everyProperty() {
        return Stream.of(
                Arguments.of("serverUrls", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setServerUrls("tcp://127.0.0.1:" + (7000 + i))),
                Arguments.of("clientName", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setClientName("name" + i)),
                Arguments.of("callTimeoutMillis", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setCallTimeoutMillis(1000L + i)),
                Arguments.of("connectTimeoutMillis", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setConnectTimeoutMillis(1000L + i)),
                Arguments.of("codec", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setCodec(i == 0 ? "JSON" : "SMILE")),
                Arguments.of("pingTimeout", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setPingTimeout(-1 - i)),
                Arguments.of("validationTimeoutMillis", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setValidationTimeoutMillis(100L + i)),
                Arguments.of("serverUrlOrder", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setServerUrlOrder(i == 0 ? "round-robin" : "in-order")),
                Arguments.of("maxDeferredCalls", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setMaxDeferredCalls(10 + i)),
                Arguments.of("sharedConnections", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setSharedConnections(i)),
                Arguments.of("userName", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setUserName("user" + i)),
                Arguments.of("password", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setPassword("secret" + i)),
                Arguments.of("tlsTrustCertificates", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setTlsTrustCertificates("/ca" + i + ".pem")),
                Arguments.of("tlsTrustStore", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setTlsTrustStore("/trust" + i + ".p12")),
                Arguments.of("tlsTrustStorePassword", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setTlsTrustStorePassword("tsecret" + i)),
                Arguments.of("tlsTrustStoreType", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setTlsTrustStoreType(i == 0 ? "JKS" : "PKCS12")),
                Arguments.of("tlsKeyStore", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setTlsKeyStore("/key" + i + ".p12")),
                Arguments.of("tlsKeyStorePassword", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setTlsKeyStorePassword("ksecret" + i)),
                Arguments.of("tlsKeyStoreType", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setTlsKeyStoreType(i == 0 ? "JKS" : "PKCS12")),
                Arguments.of("tlsHostnameVerification", (BiConsumer<SwitchboardManagedConnectionFactory, Integer>)
                        (f, i) -> f.setTlsHostnameVerification(i == 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyProperty")
    void equalsAndHashCodeCoverEveryConfigProperty(
            String name, BiConsumer<SwitchboardManagedConnectionFactory, Integer> set) {
        SwitchboardManagedConnectionFactory a = new SwitchboardManagedConnectionFactory();
        SwitchboardManagedConnectionFactory b = new SwitchboardManagedConnectionFactory();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);

        set.accept(a, 0);
        assertThat(a).as("differs in " + name).isNotEqualTo(b);
        set.accept(b, 1);
        assertThat(a).as("differs in " + name).isNotEqualTo(b);
        set.accept(b, 0);
        assertThat(a).as("same " + name).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void everySharedConnectionPropertyIsAConfigPropertyTheIdentityCovers() throws Exception {
        Set<String> covered = everyProperty().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        Set<String> factoryProperties = JavaBeans.properties(SwitchboardManagedConnectionFactory.class);
        for (String shared : JavaBeans.properties(ConnectionProperties.class)) {
            assertThat(factoryProperties).as("a config property of the factory").contains(shared);
            assertThat(covered).as("in everyProperty()").contains(shared);
        }
    }

    @Test
    void aSharedPropertyTheFactoryDoesNotSetComesFromTheResourceAdapter() throws Exception {
        SwitchboardResourceAdapter adapter = new SwitchboardResourceAdapter();
        adapter.setServerUrls("tcp://127.0.0.1:7001");
        SwitchboardManagedConnectionFactory f = new SwitchboardManagedConnectionFactory();
        f.setServerUrls(null);
        assertThat(f.settings().serverUrls()).as("no adapter: the default").containsExactly("tcp://127.0.0.1:7420");

        f.setResourceAdapter(adapter);
        assertThat(f.settings().serverUrls()).containsExactly("tcp://127.0.0.1:7001");

        f.setServerUrls("tcp://127.0.0.1:7002");
        assertThat(f.settings().serverUrls()).as("its own value wins").containsExactly("tcp://127.0.0.1:7002");
    }

    @Test
    void toStringNeverShowsAPassword() {
        SwitchboardManagedConnectionFactory f = new SwitchboardManagedConnectionFactory();
        f.setUserName("alice");
        f.setPassword("alice-secret");
        f.setTlsTrustStore("/etc/trust.p12");
        f.setTlsTrustStorePassword("trust-secret");
        f.setTlsKeyStore("/etc/key.p12");
        f.setTlsKeyStorePassword("key-secret");
        assertThat(f.toString())
                .contains("alice")
                .contains("/etc/trust.p12")
                .doesNotContain("alice-secret")
                .doesNotContain("trust-secret")
                .doesNotContain("key-secret");
    }

    @Test
    void tlsPropertiesTheFactoryDoesNotSetComeFromTheResourceAdapterAsAGroup() {
        SwitchboardResourceAdapter adapter = new SwitchboardResourceAdapter();
        adapter.setTlsTrustStore("/adapter/trust.p12");
        adapter.setTlsTrustStorePassword("adapter-pw");
        adapter.setTlsHostnameVerification(false);
        ConnectionProperties own = new ConnectionProperties();
        ConnectionProperties inherited = own.orElse(adapter.connectionProperties());
        assertThat(inherited.getTlsTrustStore()).isEqualTo("/adapter/trust.p12");
        assertThat(inherited.getTlsTrustStorePassword()).isEqualTo("adapter-pw");
        assertThat(inherited.getTlsHostnameVerification()).isFalse();

        own.setTlsTrustCertificates("/own/ca.pem");
        ConnectionProperties mine = own.orElse(adapter.connectionProperties());
        assertThat(mine.getTlsTrustCertificates()).isEqualTo("/own/ca.pem");
        assertThat(mine.getTlsTrustStore())
                .as("the trust settings fall back as a group")
                .isNull();
        assertThat(mine.getTlsTrustStorePassword()).isNull();
    }

    @Test
    void theResourceAdapterIsNotPartOfTheIdentity() throws Exception {
        SwitchboardManagedConnectionFactory a = new SwitchboardManagedConnectionFactory();
        SwitchboardManagedConnectionFactory b = new SwitchboardManagedConnectionFactory();
        a.setResourceAdapter(new SwitchboardResourceAdapter());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(null).isNotEqualTo("a string");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(
                        "serverUrls", "http://example.com:80", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                                (f, v) -> f.setServerUrls(v)),
                Arguments.of("serverUrls", "tcp://127.0.0.1", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setServerUrls(v)),
                Arguments.of("serverUrls", " , ", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setServerUrls(v)),
                Arguments.of("serverUrls", "tcp://127.0.0.1:7420,unix://relative.sock", (BiConsumer<
                                SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setServerUrls(v)),
                Arguments.of("serverUrls", "tcp://127.0.0.1:7420,,tcp://127.0.0.1:7421", (BiConsumer<
                                SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setServerUrls(v)),
                Arguments.of("serverUrls", "tcp://127.0.0.1:7420,tcp://127.0.0.1:7420", (BiConsumer<
                                SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setServerUrls(v)),
                Arguments.of("clientName", "  ", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setClientName(v)),
                Arguments.of("codec", "XML", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setCodec(v)),
                Arguments.of("callTimeoutMillis", "0", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setCallTimeoutMillis(Long.valueOf(v))),
                Arguments.of(
                        "callTimeoutMillis", "5000000000", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                                (f, v) -> f.setCallTimeoutMillis(Long.valueOf(v))),
                Arguments.of("connectTimeoutMillis", "-1", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setConnectTimeoutMillis(Long.valueOf(v))),
                Arguments.of("validationTimeoutMillis", "0", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setValidationTimeoutMillis(Long.valueOf(v))),
                Arguments.of("serverUrlOrder", "random", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setServerUrlOrder(v)),
                Arguments.of("maxDeferredCalls", "0", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setMaxDeferredCalls(Integer.valueOf(v))),
                Arguments.of("sharedConnections", "-1", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setSharedConnections(Integer.valueOf(v))),
                Arguments.of("password", "secret", (BiConsumer<SwitchboardManagedConnectionFactory, String>)
                        (f, v) -> f.setPassword(v)));
    }

    @ParameterizedTest(name = "{0} = \"{1}\"")
    @MethodSource("badValues")
    void aBadValueFailsNamingTheProperty(
            String property, String value, BiConsumer<SwitchboardManagedConnectionFactory, String> set)
            throws Exception {
        SwitchboardManagedConnectionFactory f = new SwitchboardManagedConnectionFactory();
        f.setResourceAdapter(new SwitchboardResourceAdapter());
        set.accept(f, value);

        assertThatThrownBy(() -> f.createConnectionFactory(cm))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("config property " + property);
        assertThatThrownBy(() -> f.createManagedConnection(null, null))
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining(property);
    }

    @Test
    void aFixedValueIsAcceptedAgain() throws Exception {
        SwitchboardManagedConnectionFactory f = new SwitchboardManagedConnectionFactory();
        f.setCodec("xml");
        assertThatThrownBy(() -> f.createConnectionFactory(cm)).hasMessageContaining("codec");
        f.setCodec("smile");
        assertThat(f.createConnectionFactory(cm)).isNotNull();
    }

    @Test
    void withoutAResourceAdapterNoConnectionCanBeMade() {
        SwitchboardManagedConnectionFactory f = new SwitchboardManagedConnectionFactory();
        assertThatThrownBy(() -> f.createManagedConnection(null, null))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("not associated with a resource adapter");
        assertThatThrownBy(() -> f.setResourceAdapter(null)).isInstanceOf(ResourceException.class);
        assertThatThrownBy(f::createConnectionFactory)
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("application server");
    }

    @Test
    void theAdapterRefusesAnImpossibleThreadCountAndComparesByConfig() throws Exception {
        SwitchboardResourceAdapter adapter = new SwitchboardResourceAdapter();
        adapter.setIoThreads(0);
        assertThatThrownBy(() -> adapter.start(null))
                .isInstanceOf(ResourceAdapterInternalException.class)
                .hasMessageContaining("ioThreads");

        SwitchboardResourceAdapter other = new SwitchboardResourceAdapter();
        assertThat(adapter).isNotEqualTo(other);
        other.setIoThreads(0);
        assertThat(adapter).isEqualTo(other).hasSameHashCodeAs(other);
    }

    @Test
    void theAdaptersIdentityCoversItsServerUrls() {
        SwitchboardResourceAdapter a = new SwitchboardResourceAdapter();
        SwitchboardResourceAdapter b = new SwitchboardResourceAdapter();
        a.setServerUrls("tcp://127.0.0.1:7001");
        assertThat(a).isNotEqualTo(b);
        b.setServerUrls("tcp://127.0.0.1:7001");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void aStoppedAdapterMakesNoConnections() throws Exception {
        SwitchboardResourceAdapter adapter = new SwitchboardResourceAdapter();
        adapter.start(null);
        adapter.stop();
        SwitchboardManagedConnectionFactory f = new SwitchboardManagedConnectionFactory();
        f.setResourceAdapter(adapter);
        assertThatThrownBy(() -> f.createManagedConnection(null, null))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("stopped");
    }

    @Test
    void anAdapterWithoutItsBootstrapContextRefusesActivationsClearly() throws Exception {
        SwitchboardResourceAdapter adapter = new SwitchboardResourceAdapter();
        assertThatThrownBy(() -> adapter.endpointActivation(null, null))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("not started");
        adapter.start(null);
        assertThatThrownBy(() -> adapter.endpointActivation(null, null))
                .isInstanceOf(ResourceException.class)
                .hasMessageContaining("not started");
        adapter.stop();
    }

    @Test
    void aStoppedAdapterInstanceIgnoresActivationsInsteadOfFailingTheContainersBoot() throws Exception {
        SwitchboardResourceAdapter adapter = new SwitchboardResourceAdapter();
        adapter.start(null);
        adapter.stop();
        adapter.endpointActivation(null, null); // WildFly retries a refused bean on the old instance after :reload
        adapter.endpointDeactivation(null, null);
        io.switchboard.jca.adapter.inbound.SwitchboardActivationSpec refused =
                new io.switchboard.jca.adapter.inbound.SwitchboardActivationSpec();
        refused.setAlias("leftover");
        refused.setMaxConcurrency(0);
        refused.setResourceAdapter(adapter);
        refused.validate(); // ... after validating the refused bean's spec, whose failure would end the boot

        refused.setResourceAdapter(new SwitchboardResourceAdapter());
        assertThatThrownBy(refused::validate)
                .as("a live adapter still validates")
                .isInstanceOf(jakarta.resource.spi.InvalidPropertyException.class);
    }

    @Test
    void serverUrlsTakeAListInOrderAndTheSameListIsTheSameFactory() throws Exception {
        SwitchboardManagedConnectionFactory spaced = new SwitchboardManagedConnectionFactory();
        spaced.setServerUrls(" tcp://a.example:7420 , tls://b.example:7420,registry://r.example:7420/sb ");
        assertThat(spaced.getServerUrls())
                .isEqualTo("tcp://a.example:7420,tls://b.example:7420,registry://r.example:7420/sb");
        assertThat(spaced.settings().serverUrls())
                .containsExactly("tcp://a.example:7420", "tls://b.example:7420", "registry://r.example:7420/sb");

        SwitchboardManagedConnectionFactory tight = new SwitchboardManagedConnectionFactory();
        tight.setServerUrls("tcp://a.example:7420,tls://b.example:7420,registry://r.example:7420/sb");
        assertThat(spaced).isEqualTo(tight).hasSameHashCodeAs(tight);

        SwitchboardManagedConnectionFactory reordered = new SwitchboardManagedConnectionFactory();
        reordered.setServerUrls("tls://b.example:7420,tcp://a.example:7420,registry://r.example:7420/sb");
        assertThat(spaced)
                .as("the order is part of the identity: it decides where connections go")
                .isNotEqualTo(reordered);
        SwitchboardManagedConnectionFactory shorter = new SwitchboardManagedConnectionFactory();
        shorter.setServerUrls("tcp://a.example:7420,tls://b.example:7420");
        assertThat(spaced).isNotEqualTo(shorter);
    }

    @Test
    void roundRobinStartsEachNewConnectionOneUrlFurtherKeepingTheOthersAsFallbacksInOrder() throws Exception {
        SwitchboardManagedConnectionFactory f = new SwitchboardManagedConnectionFactory();
        f.setServerUrls("tcp://a.example:7420,tcp://b.example:7420,tcp://c.example:7420");
        assertThat(f.settings().urlsFor(1))
                .as("in-order")
                .containsExactly("tcp://a.example:7420", "tcp://b.example:7420", "tcp://c.example:7420");
        f.setServerUrlOrder("round-robin");
        assertThat(f.settings().urlsFor(0))
                .containsExactly("tcp://a.example:7420", "tcp://b.example:7420", "tcp://c.example:7420");
        assertThat(f.settings().urlsFor(1))
                .containsExactly("tcp://b.example:7420", "tcp://c.example:7420", "tcp://a.example:7420");
        assertThat(f.settings().urlsFor(5))
                .containsExactly("tcp://c.example:7420", "tcp://a.example:7420", "tcp://b.example:7420");
    }

    @ParameterizedTest(name = "sharedConnections={0}")
    @ValueSource(ints = {0, 2})
    void roundRobinSpreadsThePhysicalConnectionsOverRealServers(int sharedConnections) throws Exception {
        try (TestBed bed = TestBed.start();
                io.switchboard.server.SwitchboardServer second = io.switchboard.server.SwitchboardServer.start(
                        TestBed.serverConfig().build())) {
            int firstBefore = bed.server.stats().connections(); // the test bed's publisher
            SwitchboardManagedConnectionFactory f = bed.factory(bed.tcpUrl() + ",tcp://127.0.0.1:" + second.tcpPort());
            f.setServerUrlOrder("round-robin");
            f.setSharedConnections(sharedConnections);
            // 0: one physical connection per managed connection; 2: the four managed connections share two
            int perServer = sharedConnections == 0 ? 2 : 1;
            java.util.List<jakarta.resource.spi.ManagedConnection> opened = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    opened.add(f.createManagedConnection(null, null));
                }
                TestBed.await(
                        perServer + " connection(s) on each server",
                        () -> bed.server.stats().connections() == firstBefore + perServer
                                && second.stats().connections() == perServer);
            } finally {
                for (jakarta.resource.spi.ManagedConnection mc : opened) {
                    mc.destroy();
                }
            }
        }
    }

    @Test
    void aBadElementOfTheServerUrlsIsNamed() {
        SwitchboardManagedConnectionFactory f = new SwitchboardManagedConnectionFactory();
        f.setServerUrls("tcp://a.example:7420, tcp://b.example, tcp://c.example:7420");
        assertThatThrownBy(f::settings)
                .isInstanceOf(InvalidPropertyException.class)
                .hasMessageContaining("config property serverUrls")
                .hasMessageContaining("element 2")
                .hasMessageContaining("'tcp://b.example'");
        f.setServerUrls("tcp://a.example:7420,");
        assertThatThrownBy(f::settings).hasMessageContaining("element 2").hasMessageContaining("is empty");
    }
}
