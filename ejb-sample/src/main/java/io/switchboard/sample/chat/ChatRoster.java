package io.switchboard.sample.chat;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is in the chat: line id to nickname. Kept only in memory on purpose: after a crash or redeploy it is rebuilt
 * from the front door's welcome-back, which is the point of the sample.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChatRoster {

    private final Map<String, String> nicknames = new ConcurrentHashMap<>();

    /** Adds the line under a default nickname unless it is already known; returns its nickname. */
    public String join(String lineId) {
        return nicknames.computeIfAbsent(lineId, ChatRoster::guestName);
    }

    /** Removes the line; returns the nickname it had, or a guest name if it was unknown. */
    public String leave(String lineId) {
        String name = nicknames.remove(lineId);
        return name != null ? name : guestName(lineId);
    }

    public String rename(String lineId, String nickname) {
        nicknames.put(lineId, nickname);
        return nickname;
    }

    public String nickname(String lineId) {
        return join(lineId);
    }

    public List<String> lineIds() {
        return List.copyOf(nicknames.keySet());
    }

    public List<String> nicknames() {
        return nicknames.values().stream().sorted().toList();
    }

    private static String guestName(String lineId) {
        return "guest-" + lineId.substring(0, Math.min(4, lineId.length()));
    }
}
