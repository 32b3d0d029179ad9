package io.switchboard.sample.chat;

import io.switchboard.jca.api.SwitchboardConnection;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import io.switchboard.jca.api.frontdoor.Line;
import io.switchboard.jca.api.frontdoor.LineInput;
import io.switchboard.jca.api.frontdoor.LineListener;
import io.switchboard.jca.api.frontdoor.WelcomeBack;
import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * A chat room behind the Switchboard front door: users connect to the server (WebSocket from the sample's
 * {@code chat.html}, or {@code nc} on the tcp front door), this bean handles their events. The server keeps the
 * users connected while WildFly restarts; the welcome-back rebuilds the roster.
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
@ResourceAdapter("switchboard.rar")
public class ChatBean implements LineListener {

    public static final String ALIAS = "chat";

    @EJB
    private ChatRoster roster;

    @Resource(lookup = "java:/switchboard/Default")
    private SwitchboardConnectionFactory switchboard;

    @Override
    public void onWelcomeBack(WelcomeBack welcome) {
        for (WelcomeBack.Entry entry : welcome.lines()) {
            roster.join(entry.line().id());
        }
        for (WelcomeBack.Entry entry : welcome.disconnected()) {
            roster.join(entry.line().id()); // their disconnect event follows and says goodbye
        }
    }

    @Override
    public void onConnect(Line line) {
        String name = roster.join(line.id());
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
            String old = roster.nickname(line.id());
            String name = roster.rename(line.id(), text.substring(6).strip());
            say("* " + old + " is now " + name);
            return null;
        }
        if (text.equals("/who")) {
            return "here: " + String.join(", ", roster.nicknames());
        }
        say(roster.nickname(line.id()) + ": " + text);
        return null;
    }

    @Override
    public void onDisconnect(Line line, String reason) {
        String name = roster.leave(line.id());
        say("* " + name + " left");
    }

    private void say(String text) {
        try (SwitchboardConnection connection = switchboard.getConnection()) {
            connection.broadcast(roster.lineIds(), text);
        }
    }
}
