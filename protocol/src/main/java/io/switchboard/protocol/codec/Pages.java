package io.switchboard.protocol.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.switchboard.protocol.Codec;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.message.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a list answer (LISTING, ENTRIES) into pages that each fit the peer's maximum frame, as the peer will receive
 * them: in its codec, or as a text line. Items are packed by their measured size, and every page is then encoded
 * once to check it; a page that still does not fit is halved. A single item too large for any frame is sent alone
 * (the encoder then refuses it with the request's {@code req}).
 */
public final class Pages {

    /** What an item may take beyond its own encoding inside a list (separators, the list element in XML). */
    private static final int SLACK_PER_ITEM = 32;

    /** Builds one page: its items and whether more pages follow. */
    @FunctionalInterface
    public interface PageBuilder<T> {
        Message page(List<T> items, boolean more);
    }

    /** Where the pages go: the peer's codec (ignored in text mode), its mode and its maximum frame. */
    public record Peer(Codec codec, boolean text, int maxFrame) {}

    private Pages() {}

    /** The pages of {@code items}, in order; one page (possibly empty) when everything fits in one. */
    public static <T> List<Message> of(List<T> items, PageBuilder<T> builder, Peer peer) {
        Message whole = builder.page(items, false);
        if (items.size() <= 1 || frameSize(whole, peer) <= peer.maxFrame()) {
            return List.of(whole);
        }
        int budget = peer.maxFrame() - frameSize(builder.page(List.of(), true), peer);
        List<List<T>> groups = new ArrayList<>();
        List<T> group = new ArrayList<>();
        long used = 0;
        for (T item : items) {
            long size = itemSize(item, peer) + SLACK_PER_ITEM;
            if (!group.isEmpty() && used + size > budget) {
                groups.add(group);
                group = new ArrayList<>();
                used = 0;
            }
            group.add(item);
            used += size;
        }
        groups.add(group);
        List<List<T>> checked = new ArrayList<>();
        for (List<T> candidate : groups) {
            fit(candidate, builder, peer, checked);
        }
        List<Message> pages = new ArrayList<>(checked.size());
        for (int i = 0; i < checked.size(); i++) {
            pages.add(builder.page(checked.get(i), i < checked.size() - 1));
        }
        return pages;
    }

    /** Adds {@code items} as one page if it fits (as a page with more to come, the larger kind), else halves. */
    private static <T> void fit(List<T> items, PageBuilder<T> builder, Peer peer, List<List<T>> out) {
        if (items.size() <= 1 || frameSize(builder.page(items, true), peer) <= peer.maxFrame()) {
            out.add(items);
            return;
        }
        int half = items.size() / 2;
        fit(new ArrayList<>(items.subList(0, half)), builder, peer, out);
        fit(new ArrayList<>(items.subList(half, items.size())), builder, peer, out);
    }

    /** The size a frame's limit applies to: type byte and body (binary), or the line without its end (text). */
    static int frameSize(Message message, Peer peer) {
        ByteBuf buf = Unpooled.buffer();
        try {
            if (peer.text()) {
                TextMessageEncoder.encode(message, buf);
                return buf.readableBytes() - 1;
            }
            BinaryMessageEncoder.encode(message, peer.codec(), buf, Integer.MAX_VALUE);
            return buf.readableBytes() - Protocol.LENGTH_FIELD_BYTES;
        } finally {
            buf.release();
        }
    }

    private static long itemSize(Object item, Peer peer) {
        try {
            return (peer.text() ? Codec.JSON : peer.codec()).mapper().writeValueAsBytes(item).length;
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE / 2; // measured exactly when its page is encoded
        }
    }
}
