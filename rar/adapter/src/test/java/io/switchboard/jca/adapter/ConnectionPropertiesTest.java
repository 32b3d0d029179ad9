package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared holder: each property its own if set, else the fallback's; identity over every property. */
class ConnectionPropertiesTest {

    private static ConnectionProperties adapter() {
        ConnectionProperties adapter = new ConnectionProperties();
        adapter.setServerUrls("tcp://127.0.0.1:7001");
        adapter.setClientName("adapter");
        adapter.setCodec("JSON");
        adapter.setConnectTimeoutMillis(1_000L);
        adapter.setUserName("adapter-user");
        adapter.setPassword("adapter-secret");
        return adapter;
    }

    @Test
    void anUnsetPropertyComesFromTheFallbackASetOneStays() {
        ConnectionProperties own = new ConnectionProperties();
        assertThat(own.orElse(adapter())).isEqualTo(adapter());
        assertThat(own.orElse(null)).isEqualTo(new ConnectionProperties());

        own.setServerUrls("tcp://127.0.0.1:7002");
        own.setCodec("SMILE");
        ConnectionProperties resolved = own.orElse(adapter());
        assertThat(resolved.getServerUrls()).isEqualTo("tcp://127.0.0.1:7002");
        assertThat(resolved.getCodec()).isEqualTo("SMILE");
        assertThat(resolved.getClientName()).isEqualTo("adapter");
        assertThat(resolved.getConnectTimeoutMillis()).isEqualTo(1_000L);
        assertThat(own.getClientName()).as("the holder itself is unchanged").isNull();
    }

    @Test
    void credentialsFallBackTogether() {
        ConnectionProperties own = new ConnectionProperties();
        own.setUserName("own-user");
        ConnectionProperties resolved = own.orElse(adapter());
        assertThat(resolved.getUserName()).isEqualTo("own-user");
        assertThat(resolved.getPassword())
                .as("never the adapter's password for another user")
                .isNull();

        ConnectionProperties passwordOnly = new ConnectionProperties();
        passwordOnly.setPassword("own-secret");
        assertThat(passwordOnly.orElse(adapter()).getUserName()).isNull();
    }

    @Test
    void equalWhenEveryPropertyIs() {
        assertThat(adapter()).isEqualTo(adapter()).hasSameHashCodeAs(adapter());
        ConnectionProperties other = adapter();
        other.setPassword("other");
        assertThat(other).isNotEqualTo(adapter());
        assertThat(adapter().toString()).contains("adapter-user").doesNotContain("adapter-secret");
    }
}
