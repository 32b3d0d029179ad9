package io.switchboard.jca.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A repeated failure warns once per interval; the attempts in between go to FINE and are counted. */
class ThrottledLogTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("throttled-log-test-" + System.nanoTime());

    ThrottledLogTest() {
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.ALL);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
    }

    private long warnings() {
        return records.stream().filter(r -> r.getLevel() == Level.WARNING).count();
    }

    @Test
    void warnsOncePerIntervalNotPerAttempt() {
        ThrottledLog log = new ThrottledLog(logger, Duration.ofHours(1));
        for (int i = 0; i < 50; i++) {
            log.warn(() -> "refused");
        }
        assertThat(warnings()).isEqualTo(1);
        assertThat(records).hasSize(50);
    }

    @Test
    void aResetWarnsAgainAndTheNextWarningCountsTheQuietOnes() {
        ThrottledLog log = new ThrottledLog(logger, Duration.ZERO);
        log.warn(() -> "first");
        assertThat(warnings()).isEqualTo(1);
        ThrottledLog hourly = new ThrottledLog(logger, Duration.ofHours(1));
        hourly.warn(() -> "a");
        hourly.warn(() -> "b");
        hourly.warn(() -> "c");
        hourly.reset();
        hourly.warn(() -> "d");
        assertThat(warnings()).isEqualTo(3);
        assertThat(records.get(records.size() - 1).getMessage()).isEqualTo("d");
    }
}
