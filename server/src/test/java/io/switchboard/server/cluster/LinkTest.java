package io.switchboard.server.cluster;

import static io.switchboard.server.cluster.ClusterNodes.WAIT;
import static io.switchboard.server.cluster.ClusterNodes.cluster;
import static io.switchboard.server.cluster.ClusterNodes.members;
import static io.switchboard.server.cluster.ClusterNodes.seen;
import static io.switchboard.server.testing.Awaits.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.protocol.ResultCode;
import io.switchboard.protocol.message.Ack;
import io.switchboard.protocol.message.CallMeta;
import io.switchboard.protocol.message.Deliver;
import io.switchboard.protocol.message.Publish;
import io.switchboard.protocol.message.Result;
import io.switchboard.server.ServerConfig;
import io.switchboard.server.SwitchboardServer;
import io.switchboard.server.store.StoreSettings;
import io.switchboard.server.store.TestPostgres;
import io.switchboard.server.testing.TestPeer;
import io.switchboard.testsupport.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.jgroups.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link between nodes on real sockets: only members that prove the node's secret get in, a link that dies fails
 * its calls and the next call reconnects, the cap of forwarded calls answers busy, and with the server's TLS the
 * link speaks TLS and refuses a certificate it does not trust.
 */
class LinkTest {

    private static final byte[] PAYLOAD = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private final OpenedResources open = new OpenedResources();

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    private List<SwitchboardServer> nodes(String test, int count, UnaryOperator<ServerConfig.Builder> each)
            throws Exception {
        StoreSettings store = TestPostgres.freshDatabase();
        String name = ClusterNodes.clusterName(test);
        List<Integer> ports = ClusterNodes.freePorts(count);
        List<SwitchboardServer> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            nodes.add(open.add(SwitchboardServer.start(each.apply(
                            ClusterNodes.staticNode("node-" + (char) ('a' + i), store, name, ports, i)
                                    .unixSocket(dir.resolve(test + "-" + i + ".sock")))
                    .build())));
        }
        await(WAIT, count + " members everywhere", () -> nodes.stream().allMatch(n -> members(n, count)));
        return nodes;
    }

    /** Clients use the unix socket: it stays plain when the TCP port has TLS. */
    private TestPeer peer(SwitchboardServer server) throws Exception {
        TestPeer peer = open.add(TestPeer.binary(server.unixSocketPath().orElseThrow()));
        peer.hello("json");
        return peer;
    }

    private TestPeer publisher(List<SwitchboardServer> nodes, SwitchboardServer server, String alias) throws Exception {
        TestPeer peer = peer(server);
        peer.send(new Publish(1, alias, List.of("echo"), null, null));
        peer.expect(Ack.class);
        await(
                WAIT,
                "every node sees " + alias,
                () -> nodes.stream()
                        .filter(n -> n != server)
                        .allMatch(n -> seen(n, server, alias).publishers() == 1));
        return peer;
    }

    private static Result callThrough(TestPeer caller, TestPeer publisher, long id, String alias) throws Exception {
        caller.send(new Deliver(id, alias, "echo", 60_000, PAYLOAD));
        Deliver d = publisher.expect(Deliver.class);
        publisher.send(Result.ok(d.id(), d.payload()));
        Result r = caller.expect(Result.class);
        assertThat(r.id()).isEqualTo(id);
        return r;
    }

    // --- authentication

    @Test
    void aConnectionWithoutTheSecretOrFromANonMemberIsClosedAndInjectsNothing() throws Exception {
        List<SwitchboardServer> nodes = nodes("auth", 2, b -> b);
        SwitchboardServer a = nodes.get(0);
        int port = cluster(a).linkPort();
        long inBefore = cluster(a).forwarding().forwardedIn();
        byte[] call = new LinkMessage.Call(7, 30_000, "json", false, "x", "echo", CallMeta.NONE, PAYLOAD).encode();

        // No hello at all: a call frame straight away is larger than any handshake and closes the connection.
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) WAIT.toMillis());
            readChallenge(s);
            writeFrame(s, call);
            assertClosed(s);
        }
        // A member's id with a wrong proof.
        UUID b = (UUID) cluster(nodes.get(1)).address();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) WAIT.toMillis());
            byte[] nonce = readChallenge(s);
            writeFrame(s, hello(b.getMostSignificantBits(), b.getLeastSignificantBits(), new byte[16], nonce));
            tryToWriteFrame(s, call);
            assertClosed(s);
        }
        // The right proof of a's secret, but for an id that is not in the view.
        byte[] secret = cluster(a).links().announcement().secret();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout((int) WAIT.toMillis());
            byte[] nonce = readChallenge(s);
            writeFrame(s, hello(42, 43, secret, nonce));
            tryToWriteFrame(s, call);
            assertClosed(s);
        }
        assertThat(cluster(a).forwarding().forwardedIn())
                .as("nothing was injected")
                .isEqualTo(inBefore);
        // The members' own link still works.
        TestPeer pub = publisher(nodes, a, "after");
        assertThat(callThrough(peer(nodes.get(1)), pub, 1, "after").code()).isEqualTo(ResultCode.OK);
        assertThat(cluster(a).forwarding().forwardedIn()).isEqualTo(inBefore + 1);
    }

    private static byte[] readChallenge(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int length = in.readInt();
        assertThat(length).isEqualTo(17);
        byte[] body = new byte[length];
        in.readFully(body);
        assertThat(body[0]).as("version").isEqualTo((byte) 1);
        byte[] nonce = new byte[16];
        System.arraycopy(body, 1, nonce, 0, 16);
        return nonce;
    }

    /** The hello as docs/cluster.md describes it: version, id, HMAC-SHA256(secret, nonce + id). */
    private static byte[] hello(long msb, long lsb, byte[] secret, byte[] nonce) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update(nonce);
        byte[] proof =
                mac.doFinal(ByteBuffer.allocate(16).putLong(msb).putLong(lsb).array());
        return ByteBuffer.allocate(49)
                .put((byte) 1)
                .putLong(msb)
                .putLong(lsb)
                .put(proof)
                .array();
    }

    private static void writeFrame(Socket s, byte[] body) throws IOException {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    /** Writes a frame after one the node refuses: it may have closed the connection already. */
    private static void tryToWriteFrame(Socket s, byte[] body) {
        try {
            writeFrame(s, body);
        } catch (IOException e) {
            // closed by the node (broken pipe, reset): what the test expects
        }
    }

    /** The node closes the connection and sends nothing more. */
    private static void assertClosed(Socket s) throws IOException {
        try {
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open", e);
        } catch (IOException e) {
            // reset by the node: closed too
        }
    }

    // --- a dying link

    @Test
    void aLinkThatDiesFailsItsCallsPublisherLostAndTheNextCallReconnects() throws Exception {
        List<SwitchboardServer> nodes = nodes("dies", 2, b -> b);
        SwitchboardServer a = nodes.get(0);
        SwitchboardServer b = nodes.get(1);
        TestPeer holder = publisher(nodes, b, "held");
        TestPeer caller = peer(a);
        for (int i = 1; i <= 3; i++) {
            caller.send(new Deliver(i, "held", "echo", 120_000, PAYLOAD));
        }
        List<Deliver> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            taken.add(holder.expect(Deliver.class));
        }
        cluster(b).links().disconnect(cluster(a).address()); // b drops both connections with a
        Map<Long, ResultCode> results = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            Result r = caller.expect(Result.class);
            results.put(r.id(), r.code());
        }
        assertThat(results).hasSize(3).allSatisfy((id, code) -> assertThat(code).isEqualTo(ResultCode.PUBLISHER_LOST));
        assertThat(members(a, 2)).as("still members: only the link died").isTrue();
        for (Deliver d : taken) {
            holder.send(Result.ok(d.id(), d.payload())); // too late: dropped at a
        }
        Result again = callThrough(caller, holder, 10, "held");
        assertThat(again.code()).as("a new link").isEqualTo(ResultCode.OK);
        assertThat(cluster(a).forwarding().inFlight()).isZero();
    }

    // --- the cap

    @Test
    void callsPastTheCapOfForwardedCallsAreAnsweredBusy() throws Exception {
        List<SwitchboardServer> nodes = nodes("cap", 2, b -> b.clusterMaxForwarded(2));
        TestPeer holder = publisher(nodes, nodes.get(1), "capped");
        TestPeer caller = peer(nodes.get(0));
        caller.send(new Deliver(1, "capped", "echo", 60_000, PAYLOAD));
        caller.send(new Deliver(2, "capped", "echo", 60_000, PAYLOAD));
        Deliver first = holder.expect(Deliver.class);
        Deliver second = holder.expect(Deliver.class);
        caller.send(new Deliver(3, "capped", "echo", 60_000, PAYLOAD));
        Result busy = caller.expect(Result.class);
        assertThat(busy.id()).isEqualTo(3);
        assertThat(busy.code()).isEqualTo(ResultCode.BUSY);
        assertThat(busy.message()).contains("(2)");
        holder.send(Result.ok(first.id(), PAYLOAD));
        holder.send(Result.ok(second.id(), PAYLOAD));
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.OK);
        assertThat(caller.expect(Result.class).code()).isEqualTo(ResultCode.OK);
    }

    // --- TLS

    @Test
    void withTheServersTlsTheLinkSpeaksTlsAndRefusesAnUntrustedCertificate() throws Exception {
        TestCertificates pki = TestCertificates.in(dir.resolve("pki"));
        List<SwitchboardServer> nodes = nodes("tls", 2, b -> {
            TestCertificates.Issued cert = pki.peer(b.build().name());
            return b.tlsCert(cert.certFile()).tlsKey(cert.keyFile()).tlsClientCa(pki.caFile());
        });
        SwitchboardServer a = nodes.get(0);
        TestPeer holder = publisher(nodes, nodes.get(1), "secure");
        assertThat(callThrough(peer(a), holder, 1, "secure").code()).isEqualTo(ResultCode.OK);
        assertThat(cluster(nodes.get(1)).forwarding().forwardedIn()).isEqualTo(1);

        // The link's port speaks TLS: a plain connection gets no challenge in the clear.
        try (Socket s = new Socket("127.0.0.1", cluster(a).linkPort())) {
            s.setSoTimeout((int) WAIT.toMillis());
            writeFrame(s, new byte[17]);
            byte[] answer = readAll(s.getInputStream());
            assertThat(answer.length == 0 || answer[0] != 0)
                    .as("a TLS alert or nothing, not a length-prefixed challenge")
                    .isTrue();
        }

        // A certificate of another CA (one the nodes do not trust) gets no challenge either.
        TestCertificates other = TestCertificates.in(dir.resolve("other"), "other-ca");
        SSLContext stranger = other.sslContext(other.peer("stranger"));
        try (SSLSocket s = (SSLSocket)
                stranger.getSocketFactory().createSocket("127.0.0.1", cluster(a).linkPort())) {
            s.setSoTimeout((int) WAIT.toMillis());
            int first;
            try {
                s.startHandshake();
                first = s.getInputStream().read();
            } catch (IOException e) {
                first = -1; // the handshake or the first read failed: refused
            }
            assertThat(first).as("refused: no challenge").isEqualTo(-1);
        }
    }

    @Test
    void nodesSharingOneCertificateWithoutAClientCaTrustEachOtherOnJGroupsAndOnTheLink() throws Exception {
        // No tls-client-ca: each node trusts the certificates of its own tls-cert file, here one leaf that all
        // share. The peer names that leaf's subject as acceptable issuer; the node's key manager must still present
        // its certificate (OwnCertificate), for JGroups' TLS as for the link's.
        TestCertificates.Issued shared =
                TestCertificates.in(dir.resolve("shared")).peer("node");
        List<SwitchboardServer> nodes =
                nodes("shared-cert", 2, b -> b.tlsCert(shared.certFile()).tlsKey(shared.keyFile()));
        TestPeer holder = publisher(nodes, nodes.get(1), "shared");
        assertThat(callThrough(peer(nodes.get(0)), holder, 1, "shared").code()).isEqualTo(ResultCode.OK);
        assertThat(cluster(nodes.get(1)).forwarding().forwardedIn()).isEqualTo(1);
    }

    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            byte[] buf = new byte[512];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // reset after the alert
        }
        return out.toByteArray();
    }
}
