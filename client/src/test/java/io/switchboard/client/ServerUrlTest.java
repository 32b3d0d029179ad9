package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerUrlTest {

    @Test
    void parsesTcp() {
        ServerUrl url = ServerUrl.parse("tcp://127.0.0.1:7420");
        assertThat(url.isUnix()).isFalse();
        assertThat(url.host()).isEqualTo("127.0.0.1");
        assertThat(url.port()).isEqualTo(7420);
        assertThat(url).hasToString("tcp://127.0.0.1:7420");
    }

    @Test
    void parsesTlsAndTlsRegistries() {
        ServerUrl url = ServerUrl.parse("tls://switchboard.example.com:7420");
        assertThat(url.isTls()).isTrue();
        assertThat(url.isUnix()).isFalse();
        assertThat(url.host()).isEqualTo("switchboard.example.com");
        assertThat(url.port()).isEqualTo(7420);
        assertThat(ServerUrl.parse("tcp://h:1").isTls()).isFalse();
        ServerUrl registry = ServerUrl.parse("registry+tls://reg.local:7420/inventory");
        assertThat(registry.isRegistry()).isTrue();
        assertThat(registry.registryName()).isEqualTo("inventory");
        assertThat(registry.registryServer()).hasToString("tls://reg.local:7420");
        assertThat(ServerUrl.parse("registry://reg.local:7420/inventory").registryServer())
                .hasToString("tcp://reg.local:7420");
        assertThatThrownBy(() -> ServerUrl.parse("tls://h:1/path"))
                .hasMessageContaining("a tls URL is just tls://host:port");
        assertThatThrownBy(() -> ServerUrl.parse("tls://h")).hasMessageContaining("a tls URL needs a host and a port");
    }

    @Test
    void tlsOptionsRefuseTwoSourcesOfTheSameThing() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("ca", ".crt");
        try {
            assertThatThrownBy(() -> TlsOptions.builder()
                            .trustCertificates(file)
                            .trustStore(file, null, "PKCS12")
                            .build())
                    .hasMessageContaining("trustCertificates or trustStore, not both");
            assertThatThrownBy(() -> TlsOptions.builder()
                            .clientCertificate(file, file)
                            .keyStore(file, null, "PKCS12")
                            .build())
                    .hasMessageContaining("clientCertificate or keyStore, not both");
            TlsOptions options = TlsOptions.builder()
                    .keyStore(file, "secret".toCharArray(), "PKCS12")
                    .build();
            assertThat(options.hostnameVerification()).isTrue();
            assertThat(options.toString()).doesNotContain("secret");
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void parsesTcpWithHostName() {
        ServerUrl url = ServerUrl.parse("tcp://localhost:1");
        assertThat(url.host()).isEqualTo("localhost");
        assertThat(url.port()).isEqualTo(1);
    }

    @Test
    void parsesUnix() {
        ServerUrl url = ServerUrl.parse("unix:///tmp/switchboard.sock");
        assertThat(url.isUnix()).isTrue();
        assertThat(url.socketPath()).isEqualTo(Path.of("/tmp/switchboard.sock"));
    }

    @Test
    void parsesRegistryUrls() {
        ServerUrl url = ServerUrl.parse("registry://reg.local:7420/inventory%20eu");
        assertThat(url.isRegistry()).isTrue();
        assertThat(url.isUnix()).isFalse();
        assertThat(url.registryName()).isEqualTo("inventory eu");
        assertThat(url.registryServer()).isEqualTo(ServerUrl.parse("tcp://reg.local:7420"));
        assertThat(ServerUrl.parse("tcp://h:1").isRegistry()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "registry://h:7420",
                "registry://h:7420/",
                "registry://h/name",
                "registry://h:7420/a/b",
                "registry://h:7420/name?x=1",
                "registry:///name"
            })
    void rejectsBadRegistryUrlsNamingThem(String bad) {
        assertThatThrownBy(() -> ServerUrl.parse(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad);
    }

    @Test
    void buildsUnixUrlFromPath() {
        assertThat(ServerUrl.unix(Path.of("/var/run/sb.sock")).socketPath()).isEqualTo(Path.of("/var/run/sb.sock"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tcp://host",
                "tcp://:7420",
                "tcp://host:0",
                "tcp://host:70000",
                "tcp://host:7420/path",
                "http://host:80",
                "unix://relative/path",
                "unix:relative",
                "unix:///",
                "host:7420",
                "tcp://host:7420?x=1",
                "::::"
            })
    void rejectsBadUrlsNamingThem(String bad) {
        assertThatThrownBy(() -> ServerUrl.parse(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad);
    }

    @Test
    void rejectsEmpty() {
        assertThatThrownBy(() -> ServerUrl.parse(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerUrl.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesAListInOrderEachElementWithItsOwnScheme() {
        assertThat(ServerUrl.parseList(
                        " tcp://a:7420, tls://b:7421 ,unix:///tmp/c%2Cd.sock,registry://r:7420/inventory"))
                .containsExactly(
                        ServerUrl.parse("tcp://a:7420"),
                        ServerUrl.parse("tls://b:7421"),
                        ServerUrl.parse("unix:///tmp/c%2Cd.sock"),
                        ServerUrl.parse("registry://r:7420/inventory"));
        assertThat(ServerUrl.parseList("tcp://a:7420")).containsExactly(ServerUrl.parse("tcp://a:7420"));
        assertThat(ServerUrl.parseList("unix:///tmp/c%2Cd.sock").get(0).socketPath())
                .isEqualTo(Path.of("/tmp/c,d.sock"));
        assertThat(ServerUrl.parseList("tcp://a:1,tls://b:2").get(1).isTls()).isTrue();
    }

    @Test
    void refusesAMalformedElementNamingItAndItsPosition() {
        assertThatThrownBy(() -> ServerUrl.parseList("tcp://a:7420,tcp://b,tcp://c:7420"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("element 2 of the server URL list")
                .hasMessageContaining("bad server URL 'tcp://b'");
        assertThatThrownBy(() -> ServerUrl.parseList("tcp://a:7420,http://b:80"))
                .hasMessageContaining("element 2")
                .hasMessageContaining("'http://b:80'")
                .hasMessageContaining("unknown scheme");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://a:1,,tcp://b:2", "tcp://a:1,", ",tcp://a:1", "tcp://a:1, ,tcp://b:2"})
    void refusesEmptyElements(String list) {
        assertThatThrownBy(() -> ServerUrl.parseList(list))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty")
                .hasMessageContaining(list);
    }

    @Test
    void refusesRepeatsAndOverlongListsAndNothing() {
        assertThatThrownBy(() -> ServerUrl.parseList("tcp://a:1,tcp://b:2,tcp://a:1"))
                .hasMessageContaining("element 3")
                .hasMessageContaining("repeats element 1");
        String tooMany = String.join(
                ",",
                java.util.stream.IntStream.rangeClosed(1, ServerUrl.MAX_URLS + 1)
                        .mapToObj(i -> "tcp://h:" + i)
                        .toList());
        assertThatThrownBy(() -> ServerUrl.parseList(tooMany)).hasMessageContaining("at most " + ServerUrl.MAX_URLS);
        assertThatThrownBy(() -> ServerUrl.parseList(" ")).hasMessageContaining("server URL list is empty");
        assertThatThrownBy(() -> ServerUrl.parseList(null)).hasMessageContaining("server URL list is empty");
    }
}
