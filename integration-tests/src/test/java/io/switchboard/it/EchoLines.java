package io.switchboard.it;

import io.switchboard.client.FrontDoorHandler;
import io.switchboard.client.Line;
import io.switchboard.client.LineInput;
import io.switchboard.client.WelcomeBack;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The front-door handler of the end-to-end tests: answers "whoami" with "id <line> by <instance>" and any
 * other text with "echo <text> by <instance>" (plus " redelivered" for a redelivered event), binary with the
 * same bytes; "hold" is never answered unless redelivered. Reports welcome-backs, disconnects and holds as one
 * text line each (which a child JVM prints for the test to read).
 */
final class EchoLines implements FrontDoorHandler {

    private final String instance;
    private final Consumer<String> report;

    EchoLines(String instance, Consumer<String> report) {
        this.instance = instance;
        this.report = report;
    }

    @Override
    public void onWelcomeBack(WelcomeBack welcome) {
        report.accept("WELCOME " + welcome.frontDoor() + " " + welcome.reason()
                + " open=" + ids(welcome, false) + " disconnected=" + ids(welcome, true)
                + " dropped="
                + welcome.lines().stream()
                        .filter(e -> e.dropped() > 0)
                        .map(e -> e.line().id() + ":" + e.dropped())
                        .collect(Collectors.joining(",")));
    }

    private static String ids(WelcomeBack welcome, boolean disconnected) {
        return (disconnected ? welcome.disconnected() : welcome.lines())
                .stream().map(e -> e.line().id()).collect(Collectors.joining(","));
    }

    @Override
    public Object onInput(Line line, LineInput input) throws InterruptedException {
        if (!input.isText()) {
            return input.bytes();
        }
        if (input.text().equals("whoami")) {
            return "id " + line.id() + " by " + instance;
        }
        if (input.text().equals("hold") && !line.redelivered()) {
            // Never answers: the event stays with this instance until it dies, then goes to the next one.
            report.accept("HOLDING " + line.id());
            new java.util.concurrent.CountDownLatch(1).await();
        }
        return "echo " + input.text() + " by " + instance + (line.redelivered() ? " redelivered" : "");
    }

    @Override
    public void onDisconnect(Line line, String reason) {
        report.accept("DISCONNECT " + line.id() + " " + reason);
    }

    /** Parses the ids of a WELCOME report's field ("open" or "disconnected"). */
    static java.util.Set<String> idsOf(String report, String field) {
        for (String part : report.split(" ")) {
            if (part.startsWith(field + "=")) {
                String ids = part.substring(field.length() + 1);
                return ids.isEmpty() ? java.util.Set.of() : java.util.Set.of(ids.split(","));
            }
        }
        throw new AssertionError("no " + field + "= in '" + report + "'");
    }
}
