package io.switchboard.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** An end user of a front door, over tcp or websocket: what the tests do with either. */
interface FrontDoorUser extends AutoCloseable {

    /** Sends one text message. */
    void send(String text) throws IOException;

    /** Text messages received, in order. */
    BlockingQueue<String> received();

    /** False once the server closed the connection. */
    boolean isOpen();

    String protocol();

    /** The next text message, waited for (bounded). */
    default String next() throws InterruptedException {
        String message = received().poll(Fixtures.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError(protocol() + " user received nothing within " + Fixtures.PATIENCE);
        }
        return message;
    }

    /** The next {@code count} text messages, waited for (bounded). */
    default List<String> next(int count) throws InterruptedException {
        List<String> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            messages.add(next());
        }
        return messages;
    }

    /** Sends "whoami" and returns the line id the echo handlers answer it with ("id <line> by <instance>"). */
    default String whoami() throws IOException, InterruptedException {
        send("whoami");
        String answer = next();
        if (!answer.startsWith("id ")) {
            throw new AssertionError("expected 'id <line> ...', got '" + answer + "'");
        }
        return answer.split(" ")[1];
    }
}
