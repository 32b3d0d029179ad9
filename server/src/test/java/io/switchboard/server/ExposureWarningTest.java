package io.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.switchboard.server.auth.UsersFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * docs/security.md: a server listening beyond loopback without {@code auth-users} says so at WARN when it starts;
 * on loopback, or with users, it does not.
 */
class ExposureWarningTest {

    @TempDir
    Path dir;

    private static List<String> warningsWhileStarting(Consumer<ServerConfig.Builder> settings) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger logger = (Logger) LoggerFactory.getLogger(SwitchboardServer.class);
        logger.addAppender(appender);
        try {
            ServerConfig.Builder config = ServerConfig.builder().port(0);
            settings.accept(config);
            try (SwitchboardServer server = SwitchboardServer.start(config.build())) {
                assertThat(server.tcpPort()).isPositive();
            }
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream()
                .filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void everyAddressWithoutUsersIsWarnedAbout() {
        assertThat(warningsWhileStarting(config -> config.host("0.0.0.0")))
                .anySatisfy(warning -> assertThat(warning)
                        .contains("listening on 0.0.0.0 without authentication")
                        .contains("auth-users"));
    }

    @Test
    void loopbackWithoutUsersIsNot() {
        assertThat(warningsWhileStarting(config -> config.host("127.0.0.1")))
                .noneSatisfy(warning -> assertThat(warning).contains("without authentication"));
    }

    @Test
    void everyAddressWithUsersIsNot() throws Exception {
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, "users:\n  - name: ops\n    token-sha256: \"" + "ab".repeat(32) + "\"\n");
        assertThat(warningsWhileStarting(config -> config.host("0.0.0.0").authUsers(UsersFile.read(users))))
                .noneSatisfy(warning -> assertThat(warning).contains("without authentication"));
    }
}
