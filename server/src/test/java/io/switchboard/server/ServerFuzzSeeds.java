package io.switchboard.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the hand-made seeds of the server's fuzz tests (handshake, front door, config file). Committed; run only
 * to remake them: {@code ./mvnw -o -q test -pl server -am -Dtest=ServerFuzzSeeds -Dfuzz.seeds.write=true
 * -Dsurefire.failIfNoSpecifiedTests=false}. Findings are kept next to them under the names Jazzer gives them.
 */
@EnabledIfSystemProperty(named = "fuzz.seeds.write", matches = "true")
class ServerFuzzSeeds {

    private static final Path RESOURCES = Path.of("src/test/resources/io/switchboard/server");
    private static final String HELLO = "{\"type\":\"hello\",\"version\":1,\"client\":\"nc\"}";
    private static final int MAX_FRAME = 4096;

    @Test
    void write() throws IOException {
        handshake(RESOURCES.resolve("pipeline/HandshakeFuzzTestInputs/handshake"));
        tcpLines(RESOURCES.resolve("frontdoor/FrontDoorFuzzTestInputs/tcpLines"));
        webSocket(RESOURCES.resolve("frontdoor/FrontDoorFuzzTestInputs/webSocket"));
        config(RESOURCES.resolve("config/ConfigLoaderFuzzTestInputs/yamlFile"));
    }

    private static void handshake(Path dir) throws IOException {
        Files.createDirectories(dir);
        // Text mode.
        text(dir, "text-hello", 0, HELLO + "\n");
        text(
                dir,
                "text-hello-full",
                0,
                "{\"type\":\"hello\",\"version\":1,\"client\":\"shop\",\"codecs\":[\"cbor\"],"
                        + "\"credentials\":{\"token\":\"secret\"},\"heartbeat_ms\":1,\"compression\":[\"deflate\"],"
                        + "\"compress_above\":-5}\r\n");
        text(dir, "text-hello-after-whitespace-in-3-byte-reads", 3 << 3, " \r\n\t" + HELLO + "\n");
        text(dir, "text-hello-then-list", 0, HELLO + "\n{\"type\":\"list\",\"req\":1}\n");
        text(
                dir,
                "text-wrong-types-then-hello",
                0,
                "{\"type\":\"hello\",\"version\":\"1\"}\n"
                        + "{\"type\":\"hello\",\"version\":1,\"client\":7}\n{\"type\":\"hello\"}\nnot json\n" + HELLO
                        + "\n");
        text(dir, "text-version-mismatch", 0, "{\"type\":\"hello\",\"version\":2}\n");
        text(dir, "text-list-first", 0, "{\"type\":\"list\",\"req\":1}\n");
        text(
                dir,
                "text-client-too-long",
                0,
                "{\"type\":\"hello\",\"version\":1,\"client\":\"" + "x".repeat(256) + "\"}\n");
        text(
                dir,
                "text-line-too-long",
                0,
                "{\"type\":\"hello\",\"version\":1,\"client\":\"" + " ".repeat(MAX_FRAME) + "\"}\n");
        text(dir, "text-unfinished", 0, "{\"type\":\"hello\",\"version\":1");
        text(dir, "http-request", 0, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        text(dir, "only-whitespace", 0, " \r\n\t ");
        // Binary mode: the magic, then frames; HELLO is JSON whatever the codecs.
        binary(dir, "binary-hello", 0, frame(0x01, HELLO));
        binary(
                dir,
                "binary-hello-cbor",
                0,
                frame(0x01, "{\"type\":\"hello\",\"version\":1,\"codecs\":[\"cbor\",\"json\"]}"));
        binary(
                dir,
                "binary-hello-xml-compressed",
                0x01,
                frame(
                        0x01,
                        "{\"version\":1,\"codecs\":[\"xml\"],\"compression\":[\"deflate\",\"zstd\"],\"compress_above\":10}"));
        binary(dir, "binary-hello-in-1-byte-reads", 1 << 3, frame(0x01, HELLO));
        binary(dir, "binary-unknown-codec", 0, frame(0x01, "{\"version\":1,\"codecs\":[\"yaml\",\"toml\"]}"));
        binary(dir, "binary-version-mismatch", 0, frame(0x01, "{\"version\":99}"));
        binary(dir, "binary-null-body", 0, frame(0x01, "null"));
        binary(dir, "binary-list-first", 0, frame(0x13, "{\"req\":1}"));
        binary(dir, "binary-ping-first", 0, new byte[] {0, 0, 0, 9, 0x04, 0, 0, 0, 0, 0, 0, 0, 1});
        binary(dir, "binary-empty-frame-then-hello", 0, concat(new byte[] {0, 0, 0, 0}, frame(0x01, HELLO)));
        binary(dir, "binary-unknown-type-then-hello", 0, concat(new byte[] {0, 0, 0, 1, 0x7F}, frame(0x01, HELLO)));
        binary(dir, "binary-length-over-max", 0, new byte[] {0, 0, 0x10, 0x01, 0x01});
        binary(dir, "binary-length-top-bit", 0, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xF0});
        text(dir, "magic-prefix-only", 0, "SW");
        text(dir, "bad-magic", 0, "  SWB9");
    }

    private static void tcpLines(Path dir) throws IOException {
        Files.createDirectories(dir);
        text(dir, "text-lines", 0, "hello\nhow are you?\r\n\n");
        text(dir, "utf8-lines-in-2-byte-reads", 2 << 3, "grüße 👋\nмир\n");
        Files.write(dir.resolve("binary-line"), concat(new byte[] {0, (byte) 0xC3, 0x28, 0, (byte) 0xFF}, bytes("\n")));
        text(dir, "line-of-exactly-max", 0, "a".repeat(256) + "\r\n");
        text(dir, "line-of-max-plus-one", 0, "ok\n" + "a".repeat(257) + "\nlost\n");
        text(dir, "unfinished-line", 0, "done\nnot yet");
        text(dir, "cr-only", 0, "a\rb\r\n\r\r\n");
    }

    private static void webSocket(Path dir) throws IOException {
        Files.createDirectories(dir);
        String upgrade = "GET /chat HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        // Bit 0: the harness sends the upgrade first; the input is frames only.
        Files.write(dir.resolve("text-frame"), concat(new byte[] {1}, wsFrame(0x81, bytes("hello"))));
        Files.write(dir.resolve("binary-frame"), concat(new byte[] {1}, wsFrame(0x82, new byte[] {0, 1, 2, (byte) 0xFF
        })));
        Files.write(
                dir.resolve("fragmented-text"),
                concat(
                        new byte[] {1},
                        concat(
                                wsFrame(0x01, bytes("hel")),
                                concat(wsFrame(0x80, bytes("lo")), wsFrame(0x89, bytes("p"))))));
        Files.write(dir.resolve("too-long-frame"), concat(new byte[] {1}, wsFrame(0x81, bytes("x".repeat(300)))));
        Files.write(
                dir.resolve("close-frame"),
                concat(new byte[] {1}, concat(wsFrame(0x81, bytes("bye")), wsFrame(0x88, new byte[] {
                    0x03, (byte) 0xE8, 'o', 'k'
                }))));
        Files.write(dir.resolve("unmasked-frame"), new byte[] {1, (byte) 0x81, 2, 'h', 'i'});
        // Bit 0 clear: the input is the whole stream.
        Files.write(
                dir.resolve("upgrade-and-frames-in-9-byte-reads"),
                concat(
                        new byte[] {9 << 3},
                        concat(bytes(upgrade), concat(wsFrame(0x81, bytes("hi")), wsFrame(0x82, bytes("bin"))))));
        text(dir, "other-path", 0, "GET /other HTTP/1.1\r\nHost: x\r\n\r\n");
        text(dir, "not-http", 0, "hello\r\n\r\n");
        text(
                dir,
                "upgrade-without-key",
                0,
                "GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
    }

    private static void config(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(
                Path.of("src/dist/conf/switchboard.yaml"),
                dir.resolve("dist-switchboard.yaml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        raw(dir, "empty", "");
        raw(
                dir,
                "everything",
                String.join(
                        "\n",
                        "name: sb",
                        "aliases: [a, b]",
                        "host: 127.0.0.1",
                        "port: 0",
                        "io-threads: 2",
                        "max-frame-size: 65_536",
                        "heartbeat-ms: 10000",
                        "min-heartbeat-ms: 100",
                        "max-heartbeat-ms: 300000",
                        "handshake-timeout-ms: 10000",
                        "default-timeout-ms: 30000",
                        "max-timeout-ms: 300000",
                        "publisher-max-inflight: 1024",
                        "shutdown-grace-ms: 10000",
                        "admin-token: change-me",
                        "data-dir: /tmp/switchboard-fuzz-never-created",
                        "session-policies:",
                        "  inventory: hold",
                        "  orders: reroute",
                        "compression: deflate",
                        "log-level: info",
                        "front-doors:",
                        "  - name: chat",
                        "    protocol: websocket",
                        "    port: 7431",
                        "    path: /chat",
                        "    alias: chat",
                        "    max-message-bytes: 65536",
                        "    buffer-age: 300s",
                        "    event-timeout: 1500ms",
                        "    overflow: close",
                        "    outage-notice: \"service restarting, please wait\"",
                        "  - protocol: tcp",
                        "    port: 7430",
                        "    alias: echo",
                        ""));
        raw(dir, "postgres", "store-url: jdbc:postgresql://localhost:5432/sb\nstore-user: sb\nstore-password: pw\n");
        raw(dir, "wrong-values", "port: seventy\nmax-frame-size: -1\n");
        raw(dir, "unknown-option", "colour: blue\n");
        raw(dir, "not-a-mapping", "- a\n- b\n");
        raw(dir, "nested-value", "name: {a: 1}\n");
        raw(dir, "nulls", "name: ~\nfront-doors: ~\n");
        raw(
                dir,
                "front-door-mistakes",
                "front-doors:\n  - protocol: udp\n    port: 99999\n    alias: $x\n" + "    buffer-age: 5\n  - 7\n");
        raw(dir, "bad-yaml", "name: [unclosed\n  : : :\n\t- x");
        raw(dir, "anchors", "aliases: &a [x, y]\nname: *a\n");
        raw(dir, "path-with-nul", "data-dir: \"/tmp/a\\0b\"\n");
        raw(dir, "min-above-max", "min-heartbeat-ms: 5000\nmax-heartbeat-ms: 100\n");
        raw(
                dir,
                "tls",
                "tls-cert: /nonexistent/cert.pem\ntls-key: /nonexistent/key.pem\ntls-client-ca: ca.pem\n"
                        + "tls-min-version: TLSv1.3\ntls-reload-check-ms: 0\nfront-doors:\n  - protocol: websocket\n"
                        + "    port: 7431\n    alias: chat\n    tls-cert: \"c\\0.pem\"\n    tls-key: k.pem\n"
                        + "    tls-min-version: SSLv3\n");
        raw(dir, "tls-key-without-cert", "tls-key: /nonexistent/key.pem\ntls-min-version: TLSv1.1\n");
    }

    private static void text(Path dir, String name, int settings, String stream) throws IOException {
        Files.write(dir.resolve(name), concat(new byte[] {(byte) settings}, bytes(stream)));
    }

    private static void raw(Path dir, String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private static void binary(Path dir, String name, int settings, byte[] frames) throws IOException {
        Files.write(dir.resolve(name), concat(new byte[] {(byte) settings}, concat(bytes("SWB1"), frames)));
    }

    private static byte[] frame(int type, String json) {
        byte[] body = bytes(json);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = body.length + 1;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.write(type);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** A client's websocket frame: masked, as RFC 6455 requires of clients; payloads under 126 bytes, or 16-bit. */
    private static byte[] wsFrame(int finAndOpcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(finAndOpcode);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length);
        }
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        out.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
