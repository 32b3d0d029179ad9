package io.switchboard.sample.chat;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.jca.api.frontdoor.Line;
import io.switchboard.jca.api.frontdoor.LineInput;
import io.switchboard.jca.api.frontdoor.LineListener;
import io.switchboard.jca.api.frontdoor.WelcomeBack;
import io.switchboard.sample.SwitchboardCalls;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A chat room behind the Switchboard front door: users connect to the server (WebSocket from the sample's
 * {@code chat.html}, or {@code nc} on the tcp front door), this bean handles their events. The server keeps the
 * users connected while WildFly restarts, and keeps each user's nickname as an attribute of the user's line: the
 * welcome-back rebuilds the roster from them, and tells every user who is back "welcome back, NAME".
 * <ul>
 *   <li>{@code /nick NAME} renames you, {@code /who} lists who is here;</li>
 *   <li>anything else is said to everybody, you included.</li>
 * </ul>
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = ChatBean.ALIAS),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "8"),
        })
public class ChatBean implements LineListener {

    public static final String ALIAS = "chat";
    /** The line attribute holding a user's chosen nickname; the server keeps it across this application's crash. */
    public static final String NICK = "nick";

    @EJB
    private ChatRoster roster;

    @Resource(name = SwitchboardCalls.RESOURCE_REF)
    private SwitchboardConnectionFactory switchboard;

    @Override
    public void onWelcomeBack(WelcomeBack welcome) {
        List<CompletableFuture<Void>> greetings = new ArrayList<>();
        try (SwitchboardConnection connection = switchboard.getConnection()) {
            for (WelcomeBack.Entry entry : welcome.lines()) {
                String name = join(entry.line());
                if (entry.announced()) {
                    greetings.add(connection.sendAsync(entry.line().id(), "welcome back, " + name));
                }
            }
            for (WelcomeBack.Entry entry : welcome.disconnected()) {
                join(entry.line()); // their disconnect event follows and says goodbye
            }
            // A user who left since is no reason to fail the welcome-back; the others got theirs.
            CompletableFuture.allOf(greetings.toArray(CompletableFuture[]::new))
                    .exceptionally(e -> null)
                    .join();
        }
    }

    /** Adds the line to the roster under the nickname its attribute kept, if any. */
    private String join(Line line) {
        return roster.join(line.id(), line.attribute(NICK));
    }

    @Override
    public void onConnect(Line line) {
        String name = join(line);
        try (SwitchboardConnection connection = switchboard.getConnection()) {
            connection.send(line.id(), "welcome, " + name + "! /nick NAME to rename, /who to see who is here");
            connection.broadcast(roster.lineIds(), "* " + name + " joined");
        }
    }

    @Override
    public Object onInput(Line line, LineInput input) {
        String text = input.text().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.startsWith("/nick ")) {
            String old = join(line);
            String name = text.substring(6).strip();
            try (SwitchboardConnection connection = switchboard.getConnection()) {
                // Kept by the server with the line, so the name outlives this application.
                connection.setLineAttributes(line.id(), Map.of(NICK, name));
            }
            roster.rename(line.id(), name);
            say("* " + old + " is now " + name);
            return null;
        }
        if (text.equals("/who")) {
            return "here: " + String.join(", ", roster.nicknames());
        }
        say(join(line) + ": " + text);
        return null;
    }

    @Override
    public void onDisconnect(Line line, String reason) {
        String name = roster.leave(line.id(), line.attribute(NICK));
        say("* " + name + " left");
    }

    private void say(String text) {
        try (SwitchboardConnection connection = switchboard.getConnection()) {
            connection.broadcast(roster.lineIds(), text);
        }
    }
}
