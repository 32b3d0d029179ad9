package io.switchboard.server.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ErrorCode;
import io.switchboard.protocol.Protocol;
import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.ErrorMessage;
import io.switchboard.protocol.message.Hello;
import io.switchboard.protocol.message.Message;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.protocol.message.TicketIssued;
import io.switchboard.protocol.message.XaCommit;
import io.switchboard.protocol.message.XaPrepare;
import io.switchboard.protocol.message.XaRecover;
import io.switchboard.protocol.message.XaRollback;
import io.switchboard.protocol.message.XaXids;
import io.switchboard.protocol.message.Xid;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.auth.UsersFile;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.testing.TestPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With authentication, an XA branch is its user's: another user can neither join, prepare, commit, roll back nor
 * list it; a user with the {@code transactions} permission (a transaction manager's recovery user) lists and resolves
 * every user's prepared branches (docs/security.md, docs/transactions.md).
 */
class XaPermissionsTest {

    private static final Xid XID = Xid.of(4660, bytes("order-7"), bytes("sb"));

    @TempDir
    Path dir;

    private SwitchboardServer server;
    private final List<TestPeer> peers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, """
                users:
                  - name: billing
                    token-sha256: "%s"
                    permissions: { publish: ["billing"] }
                  - name: shop
                    token-sha256: "%s"
                    permissions: { call: [">"] }
                  - name: intruder
                    token-sha256: "%s"
                    permissions: { call: [">"] }
                  - name: recovery
                    token-sha256: "%s"
                    permissions: { transactions: true }
                """.formatted(
                sha256("billing-token"), sha256("shop-token"), sha256("intruder-token"), sha256("recovery-token")));
        server = SwitchboardServer.start(ServerConfig.builder()
                .port(0)
                .store(StoreSettings.sqliteFile(dir))
                .authUsers(UsersFile.read(users))
                .build());
    }

    @AfterEach
    void stop() throws Exception {
        for (TestPeer peer : peers) {
            peer.close();
        }
        server.close();
    }

    @Test
    void aBranchIsItsUsersAndTheRecoveryUserResolvesAnyPreparedOne() throws Exception {
        TestPeer publisher = peer("billing");
        publisher.send(new Publish(1, "billing", List.of("charge"), List.of(), null));
        publisher.expect(Ack.class);
        TestPeer shop = peer("shop");
        for (int i = 1; i <= 2; i++) {
            shop.send(Deliver.inBranch(10 + i, "billing", "charge", 30_000, CallMeta.NONE, bytes("" + i), XID));
            shop.expect(TicketIssued.class);
        }

        TestPeer intruder = peer("intruder");
        intruder.send(Deliver.inBranch(20, "billing", "charge", 30_000, CallMeta.NONE, bytes("9"), XID));
        Result joined = intruder.expect(Result.class);
        assertThat(joined.code()).as(joined.message()).isEqualTo(ResultCode.FORBIDDEN);
        refused(intruder, new XaPrepare(2, XID));

        shop.send(new XaPrepare(3, XID));
        assertThat(shop.expect(Ack.class).req()).isEqualTo(3);
        assertThat(recover(shop, 4)).as("its own branch").containsExactly(XID);

        assertThat(recover(intruder, 5))
                .as("another user's branch is not listed")
                .isEmpty();
        ErrorMessage commit = refused(intruder, new XaCommit(6, XID, false));
        assertThat(commit.message()).contains("transactions permission");
        refused(intruder, new XaRollback(7, XID));

        TestPeer recovery = peer("recovery");
        assertThat(recover(recovery, 8)).containsExactly(XID);
        recovery.send(new XaCommit(9, XID, false));
        assertThat(recovery.expect(Ack.class).req()).isEqualTo(9);
        for (String payload : List.of("1", "2")) {
            Deliver call = publisher.expect(Deliver.class);
            assertThat(new String(call.payload(), StandardCharsets.UTF_8))
                    .as("the intruder's call never joined the branch")
                    .isEqualTo(payload);
            publisher.send(new Result(call.id(), ResultCode.OK, "", bytes("0")));
        }
        assertThat(recover(recovery, 10)).isEmpty();
    }

    @Test
    void theRecoveryUserRollsBackAnotherUsersPreparedBranch() throws Exception {
        TestPeer publisher = peer("billing");
        publisher.send(new Publish(1, "billing", List.of("charge", "ping"), List.of(), null));
        publisher.expect(Ack.class);
        TestPeer shop = peer("shop");
        shop.send(Deliver.inBranch(11, "billing", "charge", 30_000, CallMeta.NONE, bytes("1"), XID));
        shop.expect(TicketIssued.class);
        shop.send(new XaPrepare(2, XID));
        shop.expect(Ack.class);

        TestPeer recovery = peer("recovery");
        recovery.send(new XaRollback(3, XID));
        assertThat(recovery.expect(Ack.class).req()).isEqualTo(3);
        assertThat(shop.expect(Result.class).code()).isEqualTo(ResultCode.ROLLED_BACK);
        assertThat(recover(shop, 4)).isEmpty();

        shop.send(new Deliver(12, "billing", "ping", 30_000, bytes("0")));
        assertThat(publisher.expect(Deliver.class).method())
                .as("the rolled-back call never reached the publisher")
                .isEqualTo("ping");
    }

    private TestPeer peer(String user) throws Exception {
        TestPeer peer = TestPeer.binary(server.tcpPort());
        peers.add(peer);
        peer.helloWith(new Hello(Protocol.VERSION, user, List.of("json"), Map.of("token", user + "-token"), null));
        return peer;
    }

    private static List<Xid> recover(TestPeer peer, long req) throws Exception {
        peer.send(new XaRecover(req));
        XaXids xids = peer.expect(XaXids.class);
        assertThat(xids.req()).isEqualTo(req);
        return xids.xids();
    }

    private static ErrorMessage refused(TestPeer peer, Message request) throws Exception {
        peer.send(request);
        ErrorMessage error = peer.expect(ErrorMessage.class);
        assertThat(error.code()).as(error.message()).isEqualTo(ErrorCode.FORBIDDEN);
        return error;
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
