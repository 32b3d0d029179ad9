package io.switchboard.codec.xml;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.PayloadTranscoder;
import io.switchboard.protocol.codec.BinaryMessageEncoder;
import io.switchboard.protocol.codec.TextMessageDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the hand-made seeds of {@link XmlCodecFuzzTest}: the client's control documents in xml, and payloads in
 * every codec. Committed; run only to remake them:
 * {@code ./mvnw -o -q test -pl codec-xml -am -Dtest=XmlFuzzSeeds -Dfuzz.seeds.write=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "fuzz.seeds.write", matches = "true")
class XmlFuzzSeeds {

    private static final Path DIR = Path.of("src/test/resources/io/switchboard/codec/xml/XmlCodecFuzzTestInputs");

    private static final Map<String, String> CONTROL = Map.of(
            "publish",
                    "{\"type\":\"publish\",\"req\":1,\"alias\":\"echo\",\"methods\":[\"say\",\"shout\"],"
                            + "\"idempotent\":[\"say\"],\"max_inflight\":64,\"policy\":\"hold\"}",
            "register",
                    "{\"type\":\"register\",\"req\":1,\"name\":\"inventory\",\"endpoints\":"
                            + "[\"tcp://10.0.0.5:9000\"],\"metadata\":{\"zone id\":\"eu-1\"},\"ttl_ms\":30000}",
            "subscribe", "{\"type\":\"subscribe\",\"req\":4,\"alias\":\"echo\"}",
            "list", "{\"type\":\"list\",\"req\":3}",
            "shutdown", "{\"type\":\"shutdown\",\"grace_ms\":5000,\"reason\":\"maintenance\"}",
            "error", "{\"type\":\"error\",\"req\":3,\"code\":\"not-found\",\"message\":\"no such alias\"}");

    private static final List<String> PAYLOADS = List.of(
            "{\"text\":\"hi\",\"n\":3,\"ok\":true,\"none\":null,\"tags\":[\"x\",\"y\"],\"zone id\":{\"a\":[1,2.5]}}",
            "[1,2,3]",
            "\"hi\"",
            "null");

    @Test
    void write() throws IOException {
        Path frames = Files.createDirectories(DIR.resolve("xmlFrames"));
        Codec xml = Codec.valueOf("xml");
        for (Map.Entry<String, String> document : CONTROL.entrySet()) {
            ByteBuf out = Unpooled.buffer();
            BinaryMessageEncoder.encode(
                    TextMessageDecoder.decode(Unpooled.copiedBuffer(document.getValue(), StandardCharsets.UTF_8)),
                    xml,
                    out,
                    1 << 20);
            out.skipBytes(4); // the length prefix: the target takes one frame as cut
            Files.write(frames.resolve(document.getKey()), ByteBufUtil.getBytes(out));
        }
        Files.writeString(
                frames.resolve("xsi-nil"),
                "\u0013<List xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                        + "<req xsi:nil=\"true\"/></List>");
        Files.writeString(
                frames.resolve("doctype"),
                "\u0013<!DOCTYPE List [<!ENTITY a \"aaaaaaaaaa\">]><List><req>&a;</req></List>");

        Path payloads = Files.createDirectories(DIR.resolve("payloads"));
        List<Codec> codecs = List.of(Codec.JSON, Codec.CBOR, Codec.SMILE, xml);
        for (int p = 0; p < PAYLOADS.size(); p++) {
            byte[] json = PAYLOADS.get(p).getBytes(StandardCharsets.UTF_8);
            for (int from = 0; from < codecs.size(); from++) {
                int to = (from + 1) % codecs.size();
                byte[] payload = PayloadTranscoder.transcode(json, Codec.JSON, codecs.get(from));
                byte[] seed = new byte[payload.length + 1];
                seed[0] = (byte) (from | (to << 2));
                System.arraycopy(payload, 0, seed, 1, payload.length);
                Files.write(
                        payloads.resolve(p + "-" + codecs.get(from).wireName() + "-to-"
                                + codecs.get(to).wireName()),
                        seed);
            }
        }
    }
}
