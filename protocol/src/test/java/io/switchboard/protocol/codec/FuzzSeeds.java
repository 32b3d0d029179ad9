package io.switchboard.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.message.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the hand-made seed corpus of the protocol's fuzz tests: a valid frame (or line) of every message type,
 * in every codec, and the edge cases around the limits. The files are committed; run this only to remake them:
 * {@code ./mvnw -o -q test -pl protocol -Dtest=FuzzSeeds -Dfuzz.seeds.write=true}. Crashes the fuzzer finds are
 * kept next to these seeds under the names Jazzer gives them.
 */
@EnabledIfSystemProperty(named = "fuzz.seeds.write", matches = "true")
class FuzzSeeds {

    private static final Path RESOURCES = Path.of("src/test/resources/io/switchboard/protocol/codec");

    /** A valid line of every message type, in both directions; from docs/protocol.md's examples. */
    static final Map<String, String> LINES = lines();

    private static Map<String, String> lines() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(
                "hello",
                "{\"type\":\"hello\",\"version\":1,\"client\":\"nc\",\"codecs\":[\"cbor\",\"json\"],"
                        + "\"heartbeat_ms\":60000,\"credentials\":{\"token\":\"t\"},\"compression\":[\"deflate\"],"
                        + "\"compress_above\":512}");
        lines.put(
                "welcome",
                "{\"type\":\"welcome\",\"version\":1,\"server\":\"switchboard\",\"aliases\":[\"a\"],"
                        + "\"codec\":\"json\",\"max_frame\":1048576,\"heartbeat_ms\":60000,\"limits\":{\"default_timeout_ms\":"
                        + "30000,\"max_timeout_ms\":300000,\"max_inflight\":1024},\"compression\":\"deflate\","
                        + "\"compress_above\":1024}");
        lines.put("error", "{\"type\":\"error\",\"req\":3,\"code\":\"not-found\",\"message\":\"no such alias\"}");
        lines.put("ping", "{\"type\":\"ping\",\"id\":17}");
        lines.put("pong", "{\"type\":\"pong\",\"id\":18446744073709551615}");
        lines.put("shutdown", "{\"type\":\"shutdown\",\"grace_ms\":5000,\"reason\":\"maintenance\"}");
        lines.put(
                "publish",
                "{\"type\":\"publish\",\"req\":1,\"alias\":\"echo\",\"methods\":[\"say\",\"shout\"],"
                        + "\"idempotent\":[\"say\"],\"max_inflight\":64,\"policy\":\"hold\"}");
        lines.put("rescind", "{\"type\":\"rescind\",\"req\":2,\"alias\":\"echo\"}");
        lines.put("ack", "{\"type\":\"ack\",\"req\":2}");
        lines.put("list", "{\"type\":\"list\",\"req\":3}");
        lines.put(
                "listing",
                "{\"type\":\"listing\",\"req\":3,\"sessions\":[{\"alias\":\"echo\",\"methods\":"
                        + "[\"say\"],\"idempotent\":[],\"publishers\":2,\"policy\":\"fail\"},{\"alias\":\"inventory\","
                        + "\"methods\":[\"levels\"],\"idempotent\":[\"levels\"],\"publishers\":0,\"policy\":\"hold\","
                        + "\"away\":true}]}");
        lines.put("subscribe", "{\"type\":\"subscribe\",\"req\":4,\"alias\":\"echo\"}");
        lines.put("unsubscribe", "{\"type\":\"unsubscribe\",\"req\":5,\"alias\":\"echo\"}");
        lines.put(
                "session",
                "{\"type\":\"session\",\"req\":4,\"alias\":\"echo\",\"state\":\"published\","
                        + "\"methods\":[\"say\"],\"idempotent\":[\"say\"]}");
        lines.put(
                "deliver",
                "{\"type\":\"deliver\",\"id\":1,\"alias\":\"echo\",\"method\":\"say\","
                        + "\"timeout_ms\":5000,\"caller\":\"shop\",\"headers\":{\"trace\":\"42\"},\"payload\":{\"text\":\"hi\"}}");
        lines.put(
                "deliver-async",
                "{\"type\":\"deliver\",\"id\":7,\"alias\":\"report\",\"method\":\"build\","
                        + "\"timeout_ms\":60000,\"async\":true,\"payload\":{\"month\":\"2026-10\"}}");
        lines.put(
                "deliver-all",
                "{\"type\":\"deliver\",\"id\":5,\"alias\":\"census\",\"method\":\"count\","
                        + "\"timeout_ms\":2000,\"all\":true,\"payload\":[1,2.5,null,true,\"x\"]}");
        lines.put("result", "{\"type\":\"result\",\"id\":1,\"code\":\"ok\",\"payload\":\"hi\"}");
        lines.put(
                "result-failure",
                "{\"type\":\"result\",\"id\":10,\"code\":\"unknown-method\","
                        + "\"message\":\"session 'echo' has no method 'sing'\"}");
        lines.put("ticket", "{\"type\":\"ticket\",\"id\":7,\"ticket\":\"q3V0cD7u1jYv4pYc7bHn0A\"}");
        lines.put("fetch", "{\"type\":\"fetch\",\"req\":3,\"wait_ms\":1000,\"ticket\":\"q3V0cD7u1jYv4pYc7bHn0A\"}");
        lines.put("reply", "{\"type\":\"reply\",\"id\":5,\"publisher\":17,\"code\":\"ok\",\"payload\":{\"people\":3}}");
        lines.put(
                "register",
                "{\"type\":\"register\",\"req\":1,\"name\":\"inventory\",\"endpoints\":"
                        + "[\"tcp://10.0.0.5:9000\"],\"metadata\":{\"zone\":\"eu-1\"},\"ttl_ms\":30000}");
        lines.put(
                "registered",
                "{\"type\":\"registered\",\"req\":1,\"name\":\"inventory\",\"instance\":"
                        + "\"q3V0cD7u1jYv4pYc7bHn0A\",\"id\":\"mJ0a3Xn1Vq2Lx9Qe\",\"ttl_ms\":30000}");
        lines.put(
                "unregister",
                "{\"type\":\"unregister\",\"req\":2,\"name\":\"inventory\",\"instance\":"
                        + "\"q3V0cD7u1jYv4pYc7bHn0A\"}");
        lines.put("refresh", "{\"type\":\"refresh\",\"req\":6,\"instance\":\"q3V0cD7u1jYv4pYc7bHn0A\"}");
        lines.put("resolve", "{\"type\":\"resolve\",\"req\":3,\"name\":\"inventory\"}");
        lines.put(
                "entries",
                "{\"type\":\"entries\",\"req\":3,\"name\":\"inventory\",\"entries\":[{\"id\":"
                        + "\"mJ0a3Xn1Vq2Lx9Qe\",\"endpoints\":[\"tcp://10.0.0.5:9000\"],\"metadata\":{\"zone\":\"eu-1\"},"
                        + "\"ttl_ms\":30000}]}");
        lines.put("watch", "{\"type\":\"watch\",\"req\":4,\"name\":\"inventory\"}");
        lines.put("unwatch", "{\"type\":\"unwatch\",\"req\":5,\"name\":\"inventory\"}");
        return lines;
    }

    @Test
    void write() throws IOException {
        writeTextSeeds(RESOURCES.resolve("TextDecoderFuzzTestInputs/textLines"));
        writeBinarySeeds(RESOURCES.resolve("BinaryDecoderFuzzTestInputs/binaryFrames"));
    }

    private static void writeTextSeeds(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> line : LINES.entrySet()) {
            Files.write(dir.resolve(line.getKey()), text(0, line.getValue() + "\n"));
        }
        String all = String.join("\r\n", LINES.values()) + "\r\n";
        Files.write(dir.resolve("all-types-crlf"), text(0, all));
        Files.write(dir.resolve("all-types-in-7-byte-reads"), text(7 << 3, all));
        Files.write(dir.resolve("blank-lines"), text(0, "\n \t\r\n\r\n{\"type\":\"list\",\"req\":1}\n\n"));
        String exact = "{\"type\":\"list\",\"req\":1}";
        exact = exact + " ".repeat(TextDecoderFuzzTest.MAX - exact.length());
        Files.write(dir.resolve("line-of-exactly-max-bytes"), text(0, exact + "\r\n"));
        Files.write(dir.resolve("line-of-max-plus-one-bytes"), text(0, exact + " \n"));
        Files.write(dir.resolve("unfinished-line"), text(1 << 3, "{\"type\":\"ping\",\"id\":1}\n{\"type\":"));
        Files.write(
                dir.resolve("malformed-lines"),
                text(
                        0,
                        String.join(
                                "\n",
                                "not json",
                                "[1,2]",
                                "{\"no\":\"type\"}",
                                "{\"type\":\"nope\"}",
                                "{\"type\":\"deliver\",\"id\":-1}",
                                "{\"type\":\"deliver\",\"id\":18446744073709551616,\"alias\":\"a\",\"method\":\"m\"}",
                                "{\"type\":\"result\",\"id\":1,\"code\":\"no-such-code\"}",
                                "{\"type\":\"fetch\",\"req\":0,\"ticket\":\"\"}",
                                "{\"type\":\"publish\",\"req\":9223372036854775808,\"alias\":\"x\",\"methods\":[1]}",
                                "{\"type\":\"hello\",\"version\":\"1\"}",
                                "{\"type\":\"deliver\",\"id\":2,\"alias\":\"a\",\"method\":\"m\",\"headers\":{\"h\":1}}",
                                "{\"type\":\"ping\"}",
                                "{\"type\":\"ping\",\"id\":1}{\"x\":1}",
                                "")));
    }

    private static void writeBinarySeeds(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Codec> codecs = Codec.values();
        for (int c = 0; c < codecs.size(); c++) {
            Codec codec = codecs.get(c);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Map.Entry<String, String> line : LINES.entrySet()) {
                byte[] frame = frame(line.getValue(), codec);
                all.write(frame);
                if (codec == Codec.JSON) {
                    Files.write(dir.resolve(line.getKey()), concat(c, frame));
                }
            }
            Files.write(dir.resolve("all-types-" + codec.wireName()), concat(c, all.toByteArray()));
            Files.write(
                    dir.resolve("all-types-" + codec.wireName() + "-in-5-byte-reads"),
                    concat(c | (5 << 3), all.toByteArray()));
        }
        // Compression agreed (bit 2): a DELIVER and a RESULT with payloads above the threshold, compressed.
        Compression compression = new Compression(64, BinaryDecoderFuzzTest.MAX);
        String big = "\"" + "hello ".repeat(100) + "\"";
        ByteBuf deflated = Unpooled.buffer();
        try (Deflate deflate = new Deflate()) {
            for (String line : List.of(
                    "{\"type\":\"deliver\",\"id\":1,\"alias\":\"echo\",\"method\":\"say\",\"payload\":" + big + "}",
                    "{\"type\":\"result\",\"id\":1,\"code\":\"ok\",\"payload\":" + big + "}")) {
                BinaryMessageEncoder.encode(
                        message(line), Codec.JSON, deflated, BinaryDecoderFuzzTest.MAX, compression, deflate);
            }
        }
        Files.write(dir.resolve("deflated-payloads"), concat(0x04, ByteBufUtil.getBytes(deflated)));
        // Edge cases of the framing.
        Files.write(dir.resolve("length-zero"), bytes(0, 0, 0, 0, 0));
        Files.write(dir.resolve("length-over-max"), bytes(0, 0, 0, 0x10, 0x01, 0x04));
        Files.write(dir.resolve("length-top-bit"), bytes(0, 0xFF, 0xFF, 0xFF, 0xF0));
        Files.write(dir.resolve("unknown-type"), bytes(0, 0, 0, 0, 2, 0x7F, 0));
        Files.write(dir.resolve("ping-too-long"), bytes(0, 0, 0, 0, 10, 0x04, 0, 0, 0, 0, 0, 0, 0, 1, 9));
        Files.write(
                dir.resolve("deliver-truncated-alias"),
                bytes(0, 0, 0, 0, 18, 0x20, 0, 0, 0, 0, 0, 0, 0, 77, 0, 0, 3, 0xE8, 0, 10, 'e', 'c', 'h'));
        Files.write(
                dir.resolve("deliver-meta-header-count-too-high"),
                bytes(
                        0, 0, 0, 0, 24, 0x20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0x13, 0x88, 0x01, 1, 'a', 1, 'm', 1, 'c', 3,
                        1, 'h', 0, 1));
        Files.write(
                dir.resolve("deliver-deflated-without-agreement"),
                bytes(
                        0, 0, 0, 0, 19, 0x20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0x13, 0x88, 0x08, 1, 'a', 1, 'm', 0x78,
                        0x01));
    }

    private static Message message(String line) {
        return TextMessageDecoder.decode(Unpooled.copiedBuffer(line, StandardCharsets.UTF_8));
    }

    private static byte[] frame(String line, Codec codec) {
        ByteBuf out = Unpooled.buffer();
        BinaryMessageEncoder.encode(message(line), codec, out, BinaryDecoderFuzzTest.MAX);
        return ByteBufUtil.getBytes(out);
    }

    private static byte[] text(int settings, String stream) {
        return concat(settings, stream.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(int settings, byte[] stream) {
        byte[] seed = new byte[stream.length + 1];
        seed[0] = (byte) settings;
        System.arraycopy(stream, 0, seed, 1, stream.length);
        return seed;
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
