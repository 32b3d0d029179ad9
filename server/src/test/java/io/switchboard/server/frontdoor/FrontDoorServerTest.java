package io.switchboard.server.frontdoor;

import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What the front door tests share: a real server with front doors on free ports, and everything a test opens
 * (handler peers, users) closed after it, before the server.
 */
abstract class FrontDoorServerTest {

    private final List<AutoCloseable> open = new ArrayList<>();
    protected SwitchboardServer server;

    /** Starts a server with these front doors; returns the port the first one is bound to. */
    protected int start(FrontDoorConfig.Builder... doors) {
        List<FrontDoorConfig> configs = new ArrayList<>();
        for (FrontDoorConfig.Builder door : doors) {
            configs.add(door.build());
        }
        return start(ServerConfig.builder().port(0).frontDoors(configs));
    }

    /** Starts a server so configured; returns the port its first front door is bound to. */
    protected int start(ServerConfig.Builder config) {
        server = SwitchboardServer.start(config.build());
        return server.frontDoorPort(server.config().frontDoors().get(0).name());
    }

    /** Closes {@code closeable} after the test. */
    protected <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
