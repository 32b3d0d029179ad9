package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.switchboard.server.testing.Awaits;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A line closed for a reason lingers (see {@link LingeringClose}): the user reads the reason and an orderly end, and
 * may go on typing for a while without being reset; the line itself is over at once.
 */
class LingeringCloseTest extends FrontDoorServerTest {

    /**
     * A user whose first input overflows a 4-byte buffer with the close policy, after reading the reason and the
     * end: what it writes now reaches the lingering server socket.
     */
    private OutputStream closedForOverflow(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out.write("12345\n".getBytes(StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("closed: input buffer full");
        assertThat(in.readLine()).as("an orderly end (FIN), not a reset").isNull();
        return out;
    }

    private int overflowClosingDoor() {
        return start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo")
                .bufferBytes(4)
                .overflow(OverflowPolicy.CLOSE));
    }

    @Test
    void aUserStillTypingAfterTheCloseReadsTheReasonAndAnEndNotAReset() throws Exception {
        int port = overflowClosingDoor();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = closedForOverflow(socket);
            Awaits.until("the line is over", () -> server.frontDoorStats("echo").openLines() == 0);
            // Closed outright, the server's socket would answer the first of these with a reset and a later write
            // would fail; lingering, it reads and discards them.
            assertThatCode(() -> {
                        for (int m = 0; m < 20; m++) {
                            out.write(("still typing " + m + "\n").getBytes(StandardCharsets.UTF_8));
                            out.flush();
                            Thread.sleep(10);
                        }
                    })
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aUserWhoNeverClosesIsCutOffAfterTheLinger() throws Exception {
        int port = overflowClosingDoor();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = closedForOverflow(socket);
            // Once the server really closes, a write is answered with a reset and the next one fails.
            Awaits.until("the server closed the lingering connection", () -> {
                try {
                    out.write("anyone there?\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    return false;
                } catch (IOException reset) {
                    return true;
                }
            });
        }
    }
}
