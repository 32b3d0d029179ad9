package io.switchboard.it;

import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.frontdoor.FrontDoorConfig;
import io.switchboard.server.frontdoor.FrontDoorProtocol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Front doors for the end-to-end tests, on ephemeral loopback ports, and their users. */
final class FrontDoorFixtures {

    static final String OUTAGE = "service restarting, please wait";
    static final String RESUME = "service is back";

    private FrontDoorFixtures() {}

    /**
     * A tcp front door named after its handler alias. Every test user comes from 127.0.0.1, so the per-address
     * limits are off (FrontDoorGuardsTest covers them).
     */
    static FrontDoorConfig.Builder tcp(String alias) {
        return FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, alias)
                .host("127.0.0.1")
                .maxLinesPerAddress(0)
                .maxInputRatePerAddress(0);
    }

    /** A websocket front door named after its handler alias, on the path {@code /<alias>}. */
    static FrontDoorConfig.Builder websocket(String alias) {
        return FrontDoorConfig.builder(FrontDoorProtocol.WEBSOCKET, 0, alias)
                .host("127.0.0.1")
                .path("/" + alias)
                .maxLinesPerAddress(0)
                .maxInputRatePerAddress(0);
    }

    static TcpUser tcpUser(SwitchboardServer server, FrontDoorConfig door) throws IOException {
        return TcpUser.connect(server.frontDoorPort(door.name()));
    }

    static WsUser wsUser(SwitchboardServer server, FrontDoorConfig door) throws IOException {
        return WsUser.connect(server.frontDoorPort(door.name()), door.path());
    }

    /** {@code count} users of {@code door}: tcp sockets, or websockets on its path. */
    static List<FrontDoorUser> users(SwitchboardServer server, FrontDoorConfig door, int count) throws IOException {
        List<FrontDoorUser> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(door.protocol() == FrontDoorProtocol.TCP ? tcpUser(server, door) : wsUser(server, door));
        }
        return users;
    }

    /** The child's WELCOME report with {@code reason} for each of {@code doors}, in any order; door to report. */
    static Map<String, String> welcomes(ChildJvm child, String reason, String... doors) throws InterruptedException {
        Map<String, String> byDoor = new HashMap<>();
        for (String door : doors) {
            byDoor.put(door, child.awaitPrinted("WELCOME " + door + " " + reason + " "));
        }
        return byDoor;
    }
}
