package io.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void durationsPickTheirUnit() {
        assertThat(Units.seconds(0.000_85)).isEqualTo("850 us");
        assertThat(Units.seconds(0.001_234)).isEqualTo("1.23 ms");
        assertThat(Units.seconds(2.5)).isEqualTo("2.50 s");
        assertThat(Units.seconds(NullNode.instance)).isEqualTo("-");
        assertThat(Units.seconds((com.fasterxml.jackson.databind.JsonNode) null))
                .isEqualTo("-");
    }

    @Test
    void agesAndSizes() {
        assertThat(Units.age(IntNode.valueOf(42))).isEqualTo("42s");
        assertThat(Units.age(IntNode.valueOf(303))).isEqualTo("5m 3s");
        assertThat(Units.age(DoubleNode.valueOf(7_830.5))).isEqualTo("2h 10m");
        assertThat(Units.age(IntNode.valueOf(3 * 86_400 + 4 * 3600))).isEqualTo("3d 4h");
        assertThat(Units.bytes(512)).isEqualTo("512 B");
        assertThat(Units.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Units.bytes(3.0 * 1024 * 1024 * 1024)).isEqualTo("3.0 GiB");
        assertThat(Units.bytes(TextNode.valueOf("x"))).isEqualTo("-");
    }

    @Test
    void countsByCodeInTheServersOrder() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(Units.byCode(json.readTree("{\"ok\":118,\"timeout\":2}"))).isEqualTo("ok 118, timeout 2");
        assertThat(Units.byCode(json.readTree("{}"))).isEqualTo("-");
        assertThat(Units.text(json.readTree("{\"user\":null}").get("user"))).isEqualTo("-");
    }
}
