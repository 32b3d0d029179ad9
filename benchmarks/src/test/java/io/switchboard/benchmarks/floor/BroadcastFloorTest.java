package io.switchboard.benchmarks.floor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The broadcast floor over real loopback sockets: a broadcast reaches every user once, whole and in order, across
 * flush chunks and event loops; the control commands answer as documented.
 */
class BroadcastFloorTest {

    private static final String HOST = "127.0.0.1";
    private static final int TIMEOUT_MS = 10_000;
    /** More than two flush chunks, and not a multiple of one. */
    private static final int USERS = BroadcastFloor.FLUSH_CHUNK * 2 + 45;

    @Test
    void everyUserReadsEveryBroadcastOnceInOrderOnOneOrTwoEventLoops() throws Exception {
        for (int ioThreads : new int[] {1, 2}) {
            try (BroadcastFloor floor = BroadcastFloor.start(HOST, 0, 0, ioThreads);
                    Control control = new Control(floor.controlPort())) {
                List<User> users = new ArrayList<>();
                try {
                    for (int i = 0; i < USERS; i++) {
                        users.add(new User(floor.usersPort()));
                    }
                    awaitUsers(control, USERS);
                    assertThat(control.ask("broadcast round 0")).isEqualTo("sent " + USERS);
                    assertThat(control.ask("broadcast héllo, every user")).isEqualTo("sent " + USERS);
                    for (User user : users) {
                        assertThat(user.readLine()).isEqualTo("round 0");
                        assertThat(user.readLine()).isEqualTo("héllo, every user");
                    }
                } finally {
                    for (User user : users) {
                        user.close();
                    }
                }
            }
        }
    }

    @Test
    void aUserWhoLeftIsNotCountedNorSentTo() throws Exception {
        try (BroadcastFloor floor = BroadcastFloor.start(HOST, 0, 0, 1);
                Control control = new Control(floor.controlPort());
                User staying = new User(floor.usersPort())) {
            User leaving = new User(floor.usersPort());
            awaitUsers(control, 2);
            leaving.close();
            awaitUsers(control, 1);
            assertThat(control.ask("broadcast to who is left")).isEqualTo("sent 1");
            assertThat(staying.readLine()).isEqualTo("to who is left");
        }
    }

    @Test
    void withNoUsersABroadcastIsSentToNobodyAndAnUnknownCommandIsAnError() throws Exception {
        try (BroadcastFloor floor = BroadcastFloor.start(HOST, 0, 0, 1);
                Control control = new Control(floor.controlPort())) {
            assertThat(control.ask("users")).isEqualTo("users 0");
            assertThat(control.ask("broadcast nobody there")).isEqualTo("sent 0");
            assertThat(control.ask("shout")).startsWith("error unknown command");
            assertThat(control.ask("users")).isEqualTo("users 0"); // the connection still answers
        }
    }

    @Test
    void aNegativeThreadCountIsRefused() {
        assertThatThrownBy(() -> BroadcastFloor.start(HOST, 0, 0, -1)).hasMessageContaining("ioThreads");
    }

    private static void awaitUsers(Control control, int expected) throws Exception {
        long end = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        String answer;
        while (!(answer = control.ask("users")).equals("users " + expected)) {
            assertThat(System.nanoTime() - end)
                    .as("the floor still says " + answer)
                    .isNegative();
            Thread.sleep(10);
        }
    }

    /** A blocking line connection on loopback. */
    private static class Connection implements AutoCloseable {
        final Socket socket = new Socket();
        final BufferedReader in;

        Connection(int port) throws IOException {
            socket.connect(new InetSocketAddress(HOST, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        }

        String readLine() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static final class User extends Connection {
        User(int port) throws IOException {
            super(port);
        }
    }

    private static final class Control extends Connection {
        Control(int port) throws IOException {
            super(port);
        }

        String ask(String command) throws IOException {
            socket.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            return readLine();
        }
    }
}
