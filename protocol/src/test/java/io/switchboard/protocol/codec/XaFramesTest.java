package io.switchboard.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.FrameType;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ProtocolException;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.XaCommit;
import io.switchboard.protocol.message.XaPrepare;
import io.switchboard.protocol.message.Xid;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The XA half of the protocol: the XID flag of DELIVER, the XA frames, and XIDs the spec does not allow refused. */
class XaFramesTest {

    private static final Xid XID = Xid.of(4660, new byte[] {0x0a, 0x0b}, new byte[] {0x01});

    @Test
    void anAsyncDeliverCarriesItsXidInEveryCodecAndInTextMode() {
        Deliver call = Deliver.inBranch(7, "billing", "charge", 5000, CallMeta.caller("shop"), bytes("1"), XID);
        for (Codec codec : Codec.values()) {
            Deliver back = (Deliver) RoundTripTest.binaryRoundTrip(call, codec);
            assertThat(back.xid()).as(codec.wireName()).isEqualTo(XID);
            assertThat(back.async()).isTrue();
            assertThat(back.payload()).isEqualTo(bytes("1"));
            assertThat(back.meta().caller()).isEqualTo("shop");
        }
        Deliver text = (Deliver) RoundTripTest.textRoundTrip(call);
        assertThat(text.xid()).isEqualTo(XID);
    }

    @Test
    void theXidFollowsTheMethodInTheDocumentedBinaryLayout() {
        ByteBuf out = Unpooled.buffer();
        BinaryMessageEncoder.encode(
                Deliver.inBranch(1, "echo", "say", 5000, CallMeta.NONE, bytes("\"hi\""), XID),
                Codec.JSON,
                out,
                Protocol.DEFAULT_MAX_FRAME_SIZE);
        assertThat(ByteBufUtil.hexDump(out))
                .isEqualTo("00000024" + "20" + "0000000000000001" + "00001388" + "12" + "046563686f" + "03736179"
                        + "00001234" + "020a0b" + "0101" + "22686922");
    }

    @Test
    void theTextXidIsAnObjectOfFormatIdAndHex() {
        Deliver call = (Deliver) TextMessageDecoder.decode(Unpooled.copiedBuffer(
                "{\"type\":\"deliver\",\"id\":3,\"alias\":\"a\",\"method\":\"m\",\"async\":true,"
                        + "\"xid\":{\"format_id\":4660,\"gtrid\":\"0A0B\",\"bqual\":\"01\"},\"payload\":1}",
                StandardCharsets.UTF_8));
        assertThat(call.xid()).isEqualTo(XID);
    }

    @Test
    void anXidWithoutAsyncIsRefusedUnderTheCallsId() {
        assertThatThrownBy(() -> TextMessageDecoder.decode(Unpooled.copiedBuffer(
                        "{\"type\":\"deliver\",\"id\":3,\"alias\":\"a\",\"method\":\"m\","
                                + "\"xid\":{\"format_id\":1,\"gtrid\":\"01\"}}",
                        StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("needs \"async\"");
                });
    }

    @Test
    void xidsOutsideTheXaLimitsAreRefusedClearly() {
        assertThatThrownBy(() -> new Xid(1, "00".repeat(65), ""))
                .hasMessage("xid \"gtrid\" must be 1 to 64 bytes, not 65");
        assertThatThrownBy(() -> new Xid(1, "", "")).hasMessage("xid \"gtrid\" must be 1 to 64 bytes, not 0");
        assertThatThrownBy(() -> new Xid(1, "01", "00".repeat(65)))
                .hasMessage("xid \"bqual\" must be 0 to 64 bytes, not 65");
        assertThatThrownBy(() -> new Xid(-1, "01", "")).hasMessageContaining("null XID");
        assertThatThrownBy(() -> new Xid(1, "0g", "")).hasMessageContaining("hex digits");
        assertThatThrownBy(() -> new Xid(1, "012", "")).hasMessageContaining("hex digits");
    }

    @Test
    void aBinaryDeliverWithAnOverlongGtridIsABadRequestUnderItsId() {
        ByteBuf frame = Unpooled.buffer();
        frame.writeLong(9).writeInt(0).writeByte(Deliver.FLAG_ASYNC | Deliver.FLAG_XID);
        frame.writeByte(1).writeByte('a').writeByte(1).writeByte('m');
        frame.writeInt(1).writeByte(65).writeBytes(new byte[65]).writeByte(0);
        ByteBuf framed = Unpooled.buffer();
        framed.writeInt(frame.readableBytes() + 1)
                .writeByte(FrameType.DELIVER.code())
                .writeBytes(frame);
        framed.readInt();
        assertThatThrownBy(() -> BinaryMessageDecoder.decode(framed, Codec.JSON))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("gtrid").contains("not 65");
                });
    }

    @Test
    void aTruncatedXidIsRefused() {
        ByteBuf frame = Unpooled.buffer();
        frame.writeLong(9).writeInt(0).writeByte(Deliver.FLAG_ASYNC | Deliver.FLAG_XID);
        frame.writeByte(1).writeByte('a').writeByte(1).writeByte('m');
        frame.writeInt(1).writeByte(8).writeBytes(new byte[3]);
        ByteBuf framed = Unpooled.buffer();
        framed.writeInt(frame.readableBytes() + 1)
                .writeByte(FrameType.DELIVER.code())
                .writeBytes(frame);
        framed.readInt();
        assertThatThrownBy(() -> BinaryMessageDecoder.decode(framed, Codec.JSON))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("gtrid");
    }

    @Test
    void xaDocumentsUseTheDocumentedTextFields() {
        ByteBuf out = Unpooled.buffer();
        TextMessageEncoder.encode(new XaCommit(5, XID, true), out);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"xa-commit\",\"req\":5,"
                        + "\"xid\":{\"format_id\":4660,\"gtrid\":\"0a0b\",\"bqual\":\"01\"},\"one_phase\":true}\n");
    }

    @Test
    void anXaVerbWithoutXidOrWithABadOneKeepsItsReq() {
        assertThatThrownBy(() -> TextMessageDecoder.decode(
                        Unpooled.copiedBuffer("{\"type\":\"xa-prepare\",\"req\":4}", StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("xa-prepare needs \"xid\"");
                    assertThat(e.req()).isEqualTo(4);
                });
        assertThatThrownBy(() -> TextMessageDecoder.decode(Unpooled.copiedBuffer(
                        "{\"type\":\"xa-rollback\",\"req\":6,\"xid\":{\"format_id\":1,\"gtrid\":\"\"}}",
                        StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.getMessage()).contains("gtrid").contains("1 to 64 bytes");
                    assertThat(e.req()).isEqualTo(6);
                });
        XaPrepare prepare = (XaPrepare) TextMessageDecoder.decode(Unpooled.copiedBuffer(
                "{\"type\":\"xa-prepare\",\"req\":4,\"xid\":{\"format_id\":4660,\"gtrid\":\"0a0b\",\"bqual\":\"01\"}}",
                StandardCharsets.UTF_8));
        assertThat(prepare.xid()).isEqualTo(XID);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
