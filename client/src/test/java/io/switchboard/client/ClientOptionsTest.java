package io.switchboard.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.protocol.Codec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {

    @Test
    void hasDocumentedDefaults() {
        ClientOptions o = ClientOptions.builder().url("tcp://127.0.0.1:7420").build();
        assertThat(o.urls()).containsExactly(ServerUrl.parse("tcp://127.0.0.1:7420"));
        assertThat(o.codec()).isEqualTo(Codec.CBOR);
        assertThat(o.callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.reconnectInitialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.reconnectMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.heartbeat()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.objectMapper()).isNull();
        assertThat(o.token()).isNull();
    }

    @Test
    void takesTheCodecByNameAndCompressionIsOffUnlessAsked() {
        ClientOptions.Builder b = ClientOptions.builder().url("tcp://127.0.0.1:7420");
        ClientOptions o = b.build();
        assertThat(o.compression()).isFalse();
        assertThat(o.compressAbove()).isEqualTo(-1);

        o = b.codec("Smile").compression(true).build();
        assertThat(o.codec()).isSameAs(Codec.SMILE);
        assertThat(o.compression()).isTrue();
        assertThat(o.compressAbove()).isEqualTo(1024);
        assertThat(b.compressAbove(0).build().compressAbove()).isZero();

        // The client module alone has no XML plug-in on its class path.
        assertThatThrownBy(() -> b.codec("xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no codec 'xml' is installed; installed are [json, cbor, smile]");
        assertThatThrownBy(() -> b.compressAbove(-2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compressAbove must be 0 or more bytes");
    }

    @Test
    void keepsFailoverOrder() {
        ClientOptions o = ClientOptions.builder()
                .urls(List.of("tcp://a:1", "unix:///tmp/b.sock", "tcp://c:3"))
                .build();
        assertThat(o.urls())
                .extracting(ServerUrl::toString)
                .containsExactly("tcp://a:1", "unix:///tmp/b.sock", "tcp://c:3");
    }

    @Test
    void needsAUrl() {
        assertThatThrownBy(() -> ClientOptions.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URL");
    }

    @Test
    void rejectsBadUrlAtOnce() {
        assertThatThrownBy(() -> ClientOptions.builder().url("tcp://nowhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tcp://nowhere");
    }

    @Test
    void rejectsNonPositiveDurations() {
        ClientOptions.Builder b = ClientOptions.builder().url("tcp://h:1");
        assertThatThrownBy(() -> b.callTimeout(Duration.ZERO).build()).hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> ClientOptions.builder()
                        .url("tcp://h:1")
                        .connectTimeout(Duration.ofMillis(-1))
                        .build())
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> ClientOptions.builder()
                        .url("tcp://h:1")
                        .heartbeat(Duration.ofNanos(5))
                        .build())
                .hasMessageContaining("heartbeat");
    }

    @Test
    void rejectsMaxBackoffBelowInitial() {
        assertThatThrownBy(() -> ClientOptions.builder()
                        .url("tcp://h:1")
                        .reconnectInitialBackoff(Duration.ofSeconds(2))
                        .reconnectMaxBackoff(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reconnectMaxBackoff");
    }

    @Test
    void clientNameMustFitTheCallerFieldPublishersGet() {
        assertThat(ClientOptions.builder()
                        .url("tcp://h:1")
                        .clientName("n".repeat(255))
                        .build()
                        .clientName())
                .hasSize(255);
        assertThatThrownBy(() -> ClientOptions.builder()
                        .url("tcp://h:1")
                        .clientName("é".repeat(128))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("clientName: caller name")
                .hasMessageEndingWith("is 256 UTF-8 bytes; the most is 255");
    }

    @Test
    void publishOptionsValidateNames() {
        assertThatThrownBy(() ->
                        PublishOptions.builder("x".repeat(256)).method("m").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("255");
        assertThatThrownBy(() -> PublishOptions.builder("a").build()).hasMessageContaining("at least one method");
        assertThatThrownBy(() -> PublishOptions.builder("a")
                        .method("m")
                        .idempotent(List.of("n"))
                        .build())
                .hasMessageContaining("'n'");
        assertThatThrownBy(() ->
                        PublishOptions.builder("a").method("m").maxInflight(0).build())
                .hasMessageContaining("maxInflight");
        PublishOptions ok = PublishOptions.builder("a")
                .methods(List.of("m", "n"))
                .idempotent(List.of("n"))
                .build();
        assertThat(ok.methods()).containsExactly("m", "n");
        assertThat(ok.idempotent()).containsExactly("n");
        assertThat(ok.maxInflight()).isNull();
    }

    @Test
    void credentialsCarryTheTokenBesideOtherEntries() {
        ClientOptions o = ClientOptions.builder()
                .url("tcp://h:1")
                .credentials(java.util.Map.of("user", "ada", "password", "secret"))
                .token("admin")
                .build();
        assertThat(o.credentials())
                .containsOnly(
                        java.util.Map.entry("user", "ada"),
                        java.util.Map.entry("password", "secret"),
                        java.util.Map.entry("token", "admin"));
        assertThat(ClientOptions.builder().url("tcp://h:1").build().credentials())
                .isEmpty();
        assertThat(ClientOptions.builder().url("tcp://h:1").build().reconnect()).isTrue();
    }

    @Test
    void takesACommaSeparatedListWhereverAUrlGoes() {
        ClientOptions o = ClientOptions.builder()
                .url("tcp://a:1,tls://b:2")
                .url("unix:///tmp/c.sock")
                .build();
        assertThat(o.urls())
                .containsExactly(
                        ServerUrl.parse("tcp://a:1"),
                        ServerUrl.parse("tls://b:2"),
                        ServerUrl.parse("unix:///tmp/c.sock"));
        assertThat(ClientOptions.builder()
                        .urls(List.of("tcp://a:1,tcp://b:2", "tcp://c:3"))
                        .build()
                        .urls())
                .hasSize(3);
        assertThatThrownBy(() -> ClientOptions.builder().url("tcp://a:1,tcp:/b:2"))
                .hasMessageContaining("element 2")
                .hasMessageContaining("tcp:/b:2");
        assertThatThrownBy(() -> ClientOptions.builder()
                        .url("tcp://a:1")
                        .url("tcp://b:2,tcp://a:1")
                        .build())
                .hasMessageContaining("server URL 3, 'tcp://a:1', repeats URL 1");
    }

    @Test
    void eachAttemptGetsItsShareOfTheConnectTimeout() {
        ClientOptions.Builder b = ClientOptions.builder().connectTimeout(Duration.ofSeconds(6));
        assertThat(b.url("tcp://a:1").build().attemptTimeout()).isEqualTo(Duration.ofSeconds(6));
        assertThat(b.url("tcp://b:2,tcp://c:3").build().attemptTimeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
