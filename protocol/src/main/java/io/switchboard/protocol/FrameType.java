package io.switchboard.protocol;

import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Entries;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Fetch;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.ListSessions;
import io.switchboard.protocol.message.Listing;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Ping;
import io.switchboard.protocol.message.Pong;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Refresh;
import io.switchboard.protocol.message.Register;
import io.switchboard.protocol.message.Registered;
import io.switchboard.protocol.message.Reply;
import io.switchboard.protocol.message.Rescind;
import io.switchboard.protocol.message.Resolve;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.SessionEvent;
import io.switchboard.protocol.message.Shutdown;
import io.switchboard.protocol.message.Subscribe;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.protocol.message.Unregister;
import io.switchboard.protocol.message.Unsubscribe;
import io.switchboard.protocol.message.Unwatch;
import io.switchboard.protocol.message.Watch;
import io.switchboard.protocol.message.Welcome;
import io.switchboard.protocol.message.XaCommit;
import io.switchboard.protocol.message.XaPrepare;
import io.switchboard.protocol.message.XaRecover;
import io.switchboard.protocol.message.XaRollback;
import io.switchboard.protocol.message.XaXids;

/** Every kind of frame: its type byte in binary mode and its "type" name in text mode. */
public enum FrameType {
    HELLO(0x01, "hello", Hello.class, Layout.JSON_DOCUMENT),
    WELCOME(0x02, "welcome", Welcome.class, Layout.JSON_DOCUMENT),
    ERROR(0x03, "error", ErrorMessage.class, Layout.DOCUMENT),
    PING(0x04, "ping", Ping.class, Layout.FIXED),
    PONG(0x05, "pong", Pong.class, Layout.FIXED),
    SHUTDOWN(0x06, "shutdown", Shutdown.class, Layout.DOCUMENT),
    PUBLISH(0x10, "publish", Publish.class, Layout.DOCUMENT),
    RESCIND(0x11, "rescind", Rescind.class, Layout.DOCUMENT),
    ACK(0x12, "ack", Ack.class, Layout.DOCUMENT),
    LIST(0x13, "list", ListSessions.class, Layout.DOCUMENT),
    LISTING(0x14, "listing", Listing.class, Layout.DOCUMENT),
    SUBSCRIBE(0x15, "subscribe", Subscribe.class, Layout.DOCUMENT),
    UNSUBSCRIBE(0x16, "unsubscribe", Unsubscribe.class, Layout.DOCUMENT),
    SESSION(0x17, "session", SessionEvent.class, Layout.DOCUMENT),
    DELIVER(0x20, "deliver", Deliver.class, Layout.FIXED),
    RESULT(0x21, "result", Result.class, Layout.FIXED),
    TICKET(0x22, "ticket", TicketIssued.class, Layout.FIXED),
    FETCH(0x23, "fetch", Fetch.class, Layout.FIXED),
    REPLY(0x24, "reply", Reply.class, Layout.FIXED),
    REGISTER(0x30, "register", Register.class, Layout.DOCUMENT),
    REGISTERED(0x31, "registered", Registered.class, Layout.DOCUMENT),
    UNREGISTER(0x32, "unregister", Unregister.class, Layout.DOCUMENT),
    REFRESH(0x33, "refresh", Refresh.class, Layout.DOCUMENT),
    RESOLVE(0x34, "resolve", Resolve.class, Layout.DOCUMENT),
    ENTRIES(0x35, "entries", Entries.class, Layout.DOCUMENT),
    WATCH(0x36, "watch", Watch.class, Layout.DOCUMENT),
    UNWATCH(0x37, "unwatch", Unwatch.class, Layout.DOCUMENT),
    XA_PREPARE(0x40, "xa-prepare", XaPrepare.class, Layout.DOCUMENT),
    XA_COMMIT(0x41, "xa-commit", XaCommit.class, Layout.DOCUMENT),
    XA_ROLLBACK(0x42, "xa-rollback", XaRollback.class, Layout.DOCUMENT),
    XA_RECOVER(0x43, "xa-recover", XaRecover.class, Layout.DOCUMENT),
    XA_XIDS(0x44, "xa-xids", XaXids.class, Layout.DOCUMENT);

    /** How the body of a binary frame of this type is laid out. */
    public enum Layout {
        /** A JSON document, whatever codec the connection negotiated (the handshake). */
        JSON_DOCUMENT,
        /** A document in the connection's negotiated codec. */
        DOCUMENT,
        /** Fixed binary fields, then an opaque payload (the hot path). */
        FIXED
    }

    private static final FrameType[] BY_CODE = new FrameType[256];

    static {
        for (FrameType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final String textName;
    private final Class<? extends Message> messageClass;
    private final Layout layout;

    FrameType(int code, String textName, Class<? extends Message> messageClass, Layout layout) {
        this.code = code;
        this.textName = textName;
        this.messageClass = messageClass;
        this.layout = layout;
    }

    public int code() {
        return code;
    }

    public String textName() {
        return textName;
    }

    public Class<? extends Message> messageClass() {
        return messageClass;
    }

    public Layout layout() {
        return layout;
    }

    /** @return the type, or null when the byte names no frame type */
    public static FrameType fromCode(int code) {
        return BY_CODE[code & 0xFF];
    }

    /** @return the type, or null when the name names no frame type */
    public static FrameType fromTextName(String name) {
        for (FrameType type : values()) {
            if (type.textName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
