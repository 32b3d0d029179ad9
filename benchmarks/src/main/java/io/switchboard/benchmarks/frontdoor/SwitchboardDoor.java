package io.switchboard.benchmarks.frontdoor;

import io.switchboard.benchmarks.ExternalProcess;
import io.switchboard.benchmarks.SwitchboardServerProcess;
import io.switchboard.benchmarks.SwitchboardSystem;
import io.switchboard.client.BroadcastResult;
import io.switchboard.client.FrontDoorHandler;
import io.switchboard.client.Line;
import io.switchboard.client.LineInput;
import io.switchboard.client.Publication;
import io.switchboard.client.SwitchboardClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Switchboard server JVM with one front door (tcp or websocket) for the users, and in this JVM the door's handler
 * instance (a plain client) and a pusher connection, which broadcasts with {@code $lines broadcast} to every line.
 */
final class SwitchboardDoor implements BroadcastServer {

    static final String FRONT_DOOR = "bench-door";

    private final SwitchboardServerProcess server;
    private final int usersPort;
    private final String frontDoor;
    /** Open lines as the handler knows them: the port probe's short line comes and goes, users' lines stay. */
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    private SwitchboardClient app;
    private Publication handling;
    private SwitchboardClient pusher;

    private SwitchboardDoor(SwitchboardServerProcess server, int usersPort, String frontDoor) {
        this.server = server;
        this.usersPort = usersPort;
        this.frontDoor = frontDoor;
    }

    /** Starts the server with a front door for up to {@code lines} users, its handler and the pusher. */
    static SwitchboardDoor start(Path logDir, UsersProtocol protocol, int lines) throws Exception {
        int port = ExternalProcess.freePort();
        String frontDoor = protocol.frontDoor(
                port,
                "alias=" + FRONT_DOOR + "&max-lines=" + (lines + 1000)
                        + "&max-input-rate=0&max-lines-per-address=0&max-input-rate-per-address=0"); // all from here
        SwitchboardServerProcess server = SwitchboardServerProcess.start(logDir, List.of("--front-door", frontDoor));
        SwitchboardDoor door = new SwitchboardDoor(server, port, frontDoor);
        try {
            Loopback.awaitAccepting(port, Duration.ofSeconds(30));
            door.connect();
            return door;
        } catch (Exception | Error e) {
            door.close();
            throw e;
        }
    }

    private void connect() throws Exception {
        FrontDoorHandler handler = new FrontDoorHandler() {
            @Override
            public void onConnect(Line line) {
                announced.add(line.id());
            }

            @Override
            public void onDisconnect(Line line, String reason) {
                announced.remove(line.id());
            }

            @Override
            public Object onInput(Line line, LineInput input) {
                return null; // idle users send nothing
            }
        };
        app = SwitchboardClient.connect(SwitchboardSystem.clientOptions(server.url(), "bench-front-door-handler"));
        handling = app.handleFrontDoor(FRONT_DOOR, handler);
        pusher = SwitchboardClient.connect(SwitchboardSystem.clientOptions(server.url(), "bench-pusher"));
    }

    @Override
    public String name() {
        return "switchboard";
    }

    @Override
    public int usersPort() {
        return usersPort;
    }

    /** The server JVM's pid, for its heap and RSS. */
    long pid() {
        return server.pid();
    }

    /** Waits until the handler was told of {@code lines} lines. */
    @Override
    public void awaitLines(int lines, Duration deadline) throws InterruptedException {
        Loopback.awaitCount("lines announced to the handler", announced::size, lines, deadline);
    }

    @Override
    public int broadcast(String message) {
        BroadcastResult result = pusher.lines().broadcastAll(FRONT_DOOR, message);
        return result.sent();
    }

    @Override
    public String describe() {
        return server.describe() + ", --front-door '" + frontDoor + "', server open-files limit "
                + ProcessMemory.openFilesLimit(Long.toString(server.pid()));
    }

    @Override
    public void close() throws Exception {
        try (SwitchboardServerProcess s = server;
                SwitchboardClient a = app;
                Publication h = handling;
                SwitchboardClient p = pusher) {
            // closed in reverse order: the pusher, the handler's publication, its client, then the server
        }
    }
}
