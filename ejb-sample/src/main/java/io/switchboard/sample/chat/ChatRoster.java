package io.switchboard.sample.chat;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is in the chat: line id to nickname. Kept only in memory on purpose: after a crash or redeploy it is rebuilt
 * from the front door's welcome-back and the nicknames the server kept as line attributes, which is the point of
 * the sample.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ChatRoster {

    private final Map<String, String> nicknames = new ConcurrentHashMap<>();

    /**
     * Adds the line unless it is already known, under {@code nickname} (null: a guest name); returns its nickname.
     */
    public String join(String lineId, String nickname) {
        return nicknames.computeIfAbsent(lineId, id -> nickname != null ? nickname : guestName(id));
    }

    /** Removes the line; returns the nickname it had, else {@code nickname}, else a guest name. */
    public String leave(String lineId, String nickname) {
        String name = nicknames.remove(lineId);
        return name != null ? name : nickname != null ? nickname : guestName(lineId);
    }

    public String rename(String lineId, String nickname) {
        nicknames.put(lineId, nickname);
        return nickname;
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
