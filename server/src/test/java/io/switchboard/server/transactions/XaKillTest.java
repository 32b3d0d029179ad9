package io.switchboard.server.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.protocol.message.XaCommit;
import io.switchboard.protocol.message.XaPrepare;
import io.switchboard.protocol.message.XaRecover;
import io.switchboard.protocol.message.XaXids;
import io.switchboard.protocol.message.Xid;
import io.switchboard.server.Main;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.TestPeer;
import io.switchboard.testsupport.ListenPorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The point of prepare: a server process killed with SIGKILL (no shutdown of any kind) after a branch was prepared
 * still holds it when it starts again, and the commit then runs its calls exactly once, in order.
 */
class XaKillTest {

    private static final Xid XID = Xid.of(1, XaBranchesTest.bytes("killed-order"), XaBranchesTest.bytes("sb"));

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aPreparedBranchSurvivesKillNineAndCommitsOnceInOrder(String backend) throws Exception {
        List<String> storeArgs = backend.equals("sqlite")
                ? List.of("--data-dir", dir.resolve("data").toString())
                : List.of(
                        "--store-url",
                        TestPostgres.freshDatabase().url().orElseThrow(),
                        "--store-user",
                        TestPostgres.USER);
        int port = ListenPorts.free();
        Process first = serverProcess(port, storeArgs, "first.log");
        try (TestPeer caller = connect(port, "shop")) {
            try (TestPeer publisher = connect(port, "billing")) {
                publisher.send(new Publish(1, "billing", List.of("charge"), List.of(), null));
                publisher.expect(Ack.class);
                for (int i = 1; i <= 3; i++) {
                    caller.send(Deliver.inBranch(
                            10 + i,
                            "billing",
                            "charge",
                            30_000,
                            CallMeta.NONE,
                            XaBranchesTest.bytes(Integer.toString(i)),
                            XID));
                    caller.expect(TicketIssued.class);
                }
                caller.send(new XaPrepare(2, XID));
                caller.expect(Ack.class);
            }
        } finally {
            first.destroyForcibly().waitFor(); // SIGKILL: nothing is flushed, closed or said
        }

        Process second = serverProcess(port, storeArgs, "second.log");
        try (TestPeer publisher = connect(port, "billing");
                TestPeer tm = connect(port, "transaction-manager")) {
            publisher.send(new Publish(1, "billing", List.of("charge"), List.of(), null));
            publisher.expect(Ack.class);
            tm.send(new XaRecover(1));
            assertThat(tm.expect(XaXids.class).xids()).containsExactly(XID);
            tm.send(new XaCommit(2, XID, false));
            tm.expect(Ack.class);
            List<String> seen = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Deliver call = publisher.expect(Deliver.class);
                seen.add(new String(call.payload(), StandardCharsets.UTF_8));
                publisher.send(new Result(call.id(), ResultCode.OK, "", XaBranchesTest.bytes("true")));
            }
            assertThat(seen).containsExactly("1", "2", "3");
            tm.send(new XaCommit(3, XID, false));
            assertThat(tm.expect(io.switchboard.protocol.message.ErrorMessage.class)
                            .code())
                    .isEqualTo(io.switchboard.protocol.ErrorCode.XA_UNKNOWN_XID);
            tm.send(new XaRecover(4));
            assertThat(tm.expect(XaXids.class).xids()).isEmpty();
            assertThat(publisher.poll(Duration.ofMillis(300)))
                    .as("each call ran once")
                    .isNull();
        } finally {
            second.destroyForcibly().waitFor();
        }
    }

    private Process serverProcess(int port, List<String> storeArgs, String logName) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--port",
                Integer.toString(port)));
        command.addAll(storeArgs);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(logName).toFile())
                .start();
    }

    private static TestPeer connect(int port, String name) throws Exception {
        TestPeer[] connected = new TestPeer[1];
        Awaits.await(Duration.ofSeconds(60), "the server process takes connections", () -> {
            try {
                connected[0] = TestPeer.binary(port);
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
        connected[0].helloWith(new Hello(1, name, List.of("json"), null, null));
        return connected[0];
    }
}
