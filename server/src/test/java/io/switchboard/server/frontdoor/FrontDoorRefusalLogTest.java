package io.switchboard.server.frontdoor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.switchboard.server.testing.Awaits;
import io.switchboard.server.testing.TcpUser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * docs/operations.md, SWB0740: a flood of refused users (here: over max-lines-per-address, over real sockets) is
 * logged as one WARN per interval, whose count says how many others were refused since.
 */
class FrontDoorRefusalLogTest extends FrontDoorServerTest {

    private static final Pattern MORE = Pattern.compile("\\((\\d+) more refused since the last report\\)");
    private static final int FLOOD = 20;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RefusalLog.class);

    @BeforeEach
    void listen() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(appender);
    }

    private List<String> warnings() {
        return appender.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    /** The refusals the WARNs account for: each WARN's own plus the others it counts. */
    private static long accountedFor(List<String> warnings) {
        long sum = 0;
        for (String w : warnings) {
            Matcher m = MORE.matcher(w);
            assertThat(m.find()).as(w).isTrue();
            sum += 1 + Long.parseLong(m.group(1));
        }
        return sum;
    }

    private void refuseOne(int port) throws Exception {
        TcpUser refused = new TcpUser(port);
        assertThat(refused.next()).isEqualTo("closed: too many lines from your address");
        refused.awaitClosed();
        refused.close();
    }

    @Test
    void aFloodOfRefusalsIsOneWarningPerIntervalWithTheCountOfTheOthers() throws Exception {
        int port =
                start(FrontDoorConfig.builder(FrontDoorProtocol.TCP, 0, "echo").maxLinesPerAddress(1));
        track(new TcpUser(port));
        Awaits.until("one line is open", () -> server.frontDoorStats("echo").openLines() == 1);

        long started = System.nanoTime();
        for (int i = 0; i < FLOOD; i++) {
            refuseOne(port);
        }
        long floodSeconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        assertThat(server.frontDoorStats("echo").refusedAddressLimit()).isEqualTo(FLOOD);
        List<String> flood = warnings();
        assertThat(flood).hasSizeBetween(1, 1 + (int) (floodSeconds / RefusalLog.INTERVAL_SECONDS));
        assertThat(flood.get(0))
                .startsWith("SWB0740 front door 'echo' refused 127.0.0.1: too many lines from your address")
                .contains("(0 more refused since the last report)");

        // Once the interval has passed, the next refusal is logged with the number of those in between.
        Thread.sleep(TimeUnit.SECONDS.toMillis(RefusalLog.INTERVAL_SECONDS) + 200);
        refuseOne(port);
        List<String> all = warnings();
        assertThat(all).hasSize(flood.size() + 1);
        assertThat(accountedFor(all)).isEqualTo(FLOOD + 1);
    }
}
