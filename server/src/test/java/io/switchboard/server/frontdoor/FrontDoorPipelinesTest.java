package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.HashedWheelTimer;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.server.routing.CallRouter;
import io.switchboard.server.routing.ServerCounters;
import io.switchboard.server.routing.SessionDirectory;
import io.switchboard.server.tls.CertificateReloader;
import io.switchboard.server.tls.TlsSettings;
import io.switchboard.testsupport.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A tcp line's writes enter its pipeline at the address gate ({@link FrontDoorPipelines#tcpWrites}) and pass only
 * the handlers before it. That is right only while no handler after the gate handles writes: every tcp pipeline
 * {@link FrontDoorPipelines} builds is held to it here, so a handler added later that does fails this test rather
 * than silently missing the writes.
 */
class FrontDoorPipelinesTest {

    @TempDir
    Path dir;

    private HashedWheelTimer timer;
    private EmbeddedChannel owner;

    @BeforeEach
    void start() {
        timer = new HashedWheelTimer();
        owner = new EmbeddedChannel();
    }

    @AfterEach
    void stop() {
        timer.stop();
        owner.finishAndReleaseAll();
    }

    @ParameterizedTest(name = "tls {0}, idle-timeout {1} ms")
    @CsvSource({"false, 0", "false, 30000", "true, 0", "true, 30000"})
    void nothingAfterATcpLinesAddressGateHandlesWrites(boolean tls, long idleTimeoutMs) throws Exception {
        FrontDoor door = tcpDoor(idleTimeoutMs);
        // Not registered: the pipeline is built as for a new connection, but no line opens.
        EmbeddedChannel channel = new EmbeddedChannel(false, false);
        new FrontDoorPipelines(door, tls ? certificates() : null).initChannel(channel);

        Map<String, ChannelHandler> handlers = channel.pipeline().toMap(); // in order, head and tail left out
        List<String> names = List.copyOf(handlers.keySet());
        int gate = names.indexOf(FrontDoorPipelines.ADDRESS_GATE);
        assertThat(gate).as("the address gate in %s", names).isNotNegative();
        assertThat(FrontDoorPipelines.tcpWrites(channel.pipeline()))
                .isSameAs(channel.pipeline().context(FrontDoorPipelines.ADDRESS_GATE));
        if (tls) {
            assertThat(names.indexOf("tls"))
                    .as("TLS before the gate, so writes pass it")
                    .isBetween(0, gate - 1);
        }
        if (idleTimeoutMs > 0) {
            assertThat(names).as("the idle handler is there").contains("idle");
        }
        for (String name : names.subList(gate + 1, names.size())) {
            ChannelHandler handler = handlers.get(name);
            if (handler instanceof IdleStateHandler idle) {
                assertThat(idle.getWriterIdleTimeInMillis() + idle.getAllIdleTimeInMillis())
                        .as("'%s' watches reads only, so the writes it does not see do not matter", name)
                        .isZero();
            } else {
                assertThat(handler)
                        .as("'%s' after the address gate in %s", name, names)
                        .isNotInstanceOf(ChannelOutboundHandler.class);
            }
        }

        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl != null) {
            ReferenceCountUtil.release(ssl.engine()); // an OpenSSL engine is reference counted
        }
    }

    private FrontDoor tcpDoor(long idleTimeoutMs) {
        SessionDirectory directory = new SessionDirectory();
        CallRouter router =
                new CallRouter(directory, new ServerCounters(), timer, () -> false, 30_000, 60_000, 1 << 20);
        FrontDoorConfig config = FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "lines")
                .idleTimeoutMs(idleTimeoutMs)
                .build();
        return FrontDoors.create(List.of(config), owner.eventLoop(), router, directory, timer, () -> false)
                .get("lines");
    }

    private CertificateReloader certificates() throws Exception {
        TestCertificates.Issued cert = TestCertificates.in(dir).server("door");
        return CertificateReloader.load(
                "front door 'lines'",
                new TlsSettings(cert.certFile(), cert.keyFile(), Optional.empty(), TlsSettings.DEFAULT_MIN_VERSION));
    }
}
