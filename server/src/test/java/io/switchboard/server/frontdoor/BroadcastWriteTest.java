package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.ResourceLeakDetector;
import io.switchboard.server.testing.Awaits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BroadcastWrite} over in-memory channels: the server's side of each line on one of two event loops that
 * count the tasks given to them, the users' side on a loop of its own collecting what they read.
 */
class BroadcastWriteTest {

    private static final int LINES = 6;
    private static final long DEADLINE_S = 10;

    /** An event loop that counts the tasks handed to it from outside. */
    private static final class CountingLoop extends DefaultEventLoop {
        final AtomicInteger tasks = new AtomicInteger();

        CountingLoop(DefaultEventLoopGroup parent, Executor executor) {
            super(parent, executor);
        }

        @Override
        public void execute(Runnable task) {
            tasks.incrementAndGet();
            super.execute(task);
        }
    }

    private final DefaultEventLoopGroup serverLoops = new DefaultEventLoopGroup(2) {
        @Override
        protected EventLoop newChild(Executor executor, Object... args) {
            return new CountingLoop(this, executor);
        }
    };
    private final DefaultEventLoopGroup userLoop = new DefaultEventLoopGroup(1);
    private final BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
    private final List<Line> lines = new ArrayList<>();
    private final List<BlockingQueue<String>> read = new ArrayList<>();
    private final List<Channel> users = new ArrayList<>();
    private Channel listener;

    @BeforeEach
    void openLines() throws Exception {
        LocalAddress address = new LocalAddress("broadcast-write-test");
        listener = new ServerBootstrap()
                .group(userLoop, serverLoops)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        accepted.add(ch);
                    }
                })
                .bind(address)
                .sync()
                .channel();
        for (int i = 0; i < LINES; i++) {
            BlockingQueue<String> lineRead = new LinkedBlockingQueue<>();
            read.add(lineRead);
            users.add(new Bootstrap()
                    .group(userLoop)
                    .channel(LocalChannel.class)
                    .handler(new ChannelInitializer<LocalChannel>() {
                        @Override
                        protected void initChannel(LocalChannel ch) {
                            ch.pipeline()
                                    .addLast(
                                            new LineBasedFrameDecoder(1024),
                                            new SimpleChannelInboundHandler<ByteBuf>() {
                                                @Override
                                                protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
                                                    lineRead.add(msg.toString(StandardCharsets.UTF_8));
                                                }
                                            });
                        }
                    })
                    .connect(address)
                    .sync()
                    .channel());
            Channel server = accepted.poll(DEADLINE_S, TimeUnit.SECONDS);
            assertThat(server).as("line %d accepted", i).isNotNull();
            lines.add(new Line(
                    "line-" + i,
                    server,
                    new TcpLineOutput(server, server), // no address gate here: through the whole pipeline
                    FrontDoorProtocol.TCP,
                    "local:" + i,
                    System.currentTimeMillis(),
                    "test",
                    new FrontDoorCounters(),
                    new RefusalLog("test")));
        }
        assertThat(loopsOf(lines)).as("the lines are spread over both loops").hasSize(2);
    }

    @AfterEach
    void close() throws Exception {
        for (Channel user : users) {
            user.close().await(DEADLINE_S, TimeUnit.SECONDS);
        }
        listener.close().await(DEADLINE_S, TimeUnit.SECONDS);
        serverLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(DEADLINE_S, TimeUnit.SECONDS);
        userLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(DEADLINE_S, TimeUnit.SECONDS);
    }

    @Test
    void eachEventLoopGetsOneTaskForAllItsLines() throws Exception {
        int[] before = taskCounts();
        BroadcastWrite.write(lines, "news".getBytes(StandardCharsets.UTF_8), false);
        for (int i = 0; i < LINES; i++) {
            assertThat(read.get(i).poll(DEADLINE_S, TimeUnit.SECONDS))
                    .as("line %d", i)
                    .isEqualTo("news");
        }
        int[] after = taskCounts();
        for (int loop = 0; loop < after.length; loop++) {
            assertThat(after[loop] - before[loop])
                    .as("tasks given to loop %d for %d lines", loop, LINES / 2)
                    .isEqualTo(1);
        }
    }

    @Test
    void theCallersOwnLoopWritesItsLinesInlineAndTheOtherLoopGetsOneTask() throws Exception {
        EventLoop own = lines.get(0).channel.eventLoop();
        int[] before = taskCounts();
        own.submit(() -> BroadcastWrite.write(lines, "news".getBytes(StandardCharsets.UTF_8), false))
                .get(DEADLINE_S, TimeUnit.SECONDS);
        for (int i = 0; i < LINES; i++) {
            assertThat(read.get(i).poll(DEADLINE_S, TimeUnit.SECONDS))
                    .as("line %d", i)
                    .isEqualTo("news");
        }
        int[] after = taskCounts();
        assertThat(after[0] - before[0] + after[1] - before[1])
                .as("the test's submit to the caller's loop, and one task for the other loop")
                .isEqualTo(2);
    }

    @Test
    void theSharedBufferIsReleasedOnceWhenTheLastLoopHasWrittenIt() throws Exception {
        EventLoop blocked = lines.get(1).channel.eventLoop();
        CountDownLatch hold = new CountDownLatch(1);
        blocked.execute(() -> {
            try {
                hold.await(DEADLINE_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ByteBuf message = Unpooled.directBuffer().writeBytes("news\n".getBytes(StandardCharsets.UTF_8));
        BroadcastWrite.write(lines, new SharedMessage(message, null));

        for (int i = 0; i < LINES; i++) {
            if (lines.get(i).channel.eventLoop() != blocked) {
                assertThat(read.get(i).poll(DEADLINE_S, TimeUnit.SECONDS))
                        .as("line %d", i)
                        .isEqualTo("news");
            }
        }
        // The other loop's users may read before that loop's task and their own decoders have released: wait.
        Awaits.until(
                "only the blocked loop's task still holds a reference; the caller's and the other loop's are gone",
                () -> message.refCnt() == 1);

        hold.countDown();
        for (int i = 0; i < LINES; i++) {
            if (lines.get(i).channel.eventLoop() == blocked) {
                assertThat(read.get(i).poll(DEADLINE_S, TimeUnit.SECONDS))
                        .as("line %d", i)
                        .isEqualTo("news");
            }
        }
        Awaits.until("every line's view and every task's reference released", () -> message.refCnt() == 0);
    }

    @Test
    void aLineClosedDuringTheBroadcastMissesItAndTheOthersGetIt() throws Exception {
        ByteBuf message = Unpooled.directBuffer().writeBytes("news\n".getBytes(StandardCharsets.UTF_8));
        closeALineDuringTheBroadcastOf(new SharedMessage(message, null), message);
    }

    /**
     * The buffer a broadcast encodes into is pooled, so each line's view is a recycled object: the closed line's
     * failed write still releases it, and every other view once written. Netty's leak detector tracks every buffer and
     * view meanwhile.
     */
    @Test
    void aLineClosedDuringTheBroadcastReleasesItsViewOfThePooledBufferToo() throws Exception {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        try {
            SharedMessage shared = SharedMessage.encode(
                    "news".getBytes(StandardCharsets.UTF_8), false, EnumSet.of(FrontDoorProtocol.TCP));
            ByteBuf message = shared.tcp();
            assertThat(message.unwrap())
                    .as("the leak detector's wrapper around a pooled buffer")
                    .isNotNull();
            assertThat(message.unwrap().getClass().getSimpleName()).startsWith("Pooled");
            closeALineDuringTheBroadcastOf(shared, message);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    private void closeALineDuringTheBroadcastOf(SharedMessage shared, ByteBuf message) throws Exception {
        Line first = lines.get(0);
        Line closedMeanwhile = lines.stream()
                .filter(l -> l != first && l.channel.eventLoop() == first.channel.eventLoop())
                .findFirst()
                .orElseThrow();
        // Writing to the first line closes the second one of the same loop, before its turn in the same batch.
        first.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
                closedMeanwhile.channel.close();
                super.write(ctx, msg, promise);
            }
        });
        BroadcastWrite.write(lines, shared);

        for (int i = 0; i < LINES; i++) {
            if (lines.get(i) != closedMeanwhile) {
                assertThat(read.get(i).poll(DEADLINE_S, TimeUnit.SECONDS))
                        .as("line %d", i)
                        .isEqualTo("news");
            }
        }
        int closedIndex = lines.indexOf(closedMeanwhile);
        Awaits.until(
                "the closed line's user sees it closed",
                () -> !users.get(closedIndex).isActive());
        assertThat(read.get(closedIndex)).as("the closed line read nothing").isEmpty();
        Awaits.until("the failed write released its view too", () -> message.refCnt() == 0);
    }

    @Test
    void aSendAfterTheBroadcastReachesEachLineAfterIt() throws Exception {
        BroadcastWrite.write(lines, "news".getBytes(StandardCharsets.UTF_8), false);
        for (Line line : lines) {
            line.output.text("after");
        }
        for (int i = 0; i < LINES; i++) {
            assertThat(read.get(i).poll(DEADLINE_S, TimeUnit.SECONDS))
                    .as("line %d first", i)
                    .isEqualTo("news");
            assertThat(read.get(i).poll(DEADLINE_S, TimeUnit.SECONDS))
                    .as("line %d then", i)
                    .isEqualTo("after");
        }
    }

    private int[] taskCounts() {
        List<CountingLoop> loops = new ArrayList<>();
        serverLoops.forEach(e -> loops.add((CountingLoop) e));
        return loops.stream().mapToInt(l -> l.tasks.get()).toArray();
    }

    private static List<EventLoop> loopsOf(List<Line> lines) {
        return lines.stream().map(l -> l.channel.eventLoop()).distinct().toList();
    }
}
