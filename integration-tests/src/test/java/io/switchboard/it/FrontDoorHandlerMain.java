package io.switchboard.it;

import io.switchboard.client.SwitchboardClient;
import io.switchboard.protocol.Codec;
import java.util.concurrent.CountDownLatch;

/**
 * A front-door handler in its own JVM, so a test can kill it with SIGKILL: {@code <server url> <instance name>
 * <alias>...}. Handles each alias with {@link EchoLines}; prints its reports (WELCOME, DISCONNECT) on stdout and
 * READY once every alias is published.
 */
public final class FrontDoorHandlerMain {

    private FrontDoorHandlerMain() {}

    public static void main(String[] args) throws Exception {
        SwitchboardClient client = Fixtures.client(args[0], Codec.CBOR);
        EchoLines handler = new EchoLines(args[1], FrontDoorHandlerMain::print);
        for (int i = 2; i < args.length; i++) {
            client.handleFrontDoor(args[i], handler);
        }
        print("READY");
        new CountDownLatch(1).await(); // until killed
    }

    private static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
