package io.switchboard.server.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Configures logback for the launcher from {@link LogSettings}, with the one bundled file {@value #CONFIG}: it
 * declares every appender (console or file, text or JSON, syslog) and the properties set here pick the ones the
 * root logger uses (logback starts only the appenders that are referenced). An explicit
 * {@code -Dlogback.configurationFile} wins: then nothing is changed.
 */
public final class LogSetup {

    /** The bundled configuration, on the classpath. */
    public static final String CONFIG = "switchboard-logback.xml";

    private LogSetup() {}

    /**
     * Applies the settings. The properties are also set as system properties, so an operator's own logback file
     * may use them ({@code ${switchboard.log.level}}, {@code ${switchboard.log.file}}).
     *
     * @return the problems logback reported (an unresolvable syslog host, an unwritable log file), empty when
     *     logging is set up as asked
     */
    public static List<String> apply(LogSettings settings) {
        System.setProperty("switchboard.log.level", settings.level());
        settings.file()
                .ifPresent(file -> System.setProperty(
                        "switchboard.log.file", file.toAbsolutePath().toString()));
        if (System.getProperty("logback.configurationFile") != null) {
            return List.of();
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return List.of(); // another SLF4J backend on the classpath: it is configured its own way
        }
        context.reset();
        context.putProperty("switchboard.log.level", settings.level());
        String output = settings.file().isPresent() ? "FILE" : "CONSOLE";
        context.putProperty("switchboard.log.appender", settings.json() ? output + "_JSON" : output);
        settings.file()
                .ifPresent(file -> context.putProperty(
                        "switchboard.log.file", file.toAbsolutePath().toString()));
        settings.syslog().ifPresent(target -> {
            context.putProperty("switchboard.log.syslog", "SYSLOG");
            context.putProperty("switchboard.log.syslog.host", target.host());
            context.putProperty("switchboard.log.syslog.port", Integer.toString(target.port()));
            context.putProperty("switchboard.log.syslog.facility", settings.facility());
        });
        long since = System.currentTimeMillis();
        URL config = LogSetup.class.getClassLoader().getResource(CONFIG);
        if (config == null) {
            return List.of(CONFIG + " is missing from the classpath");
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            return List.of(e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        for (Status status : context.getStatusManager().getCopyOfStatusList()) {
            if (status.getLevel() == Status.ERROR && status.getTimestamp() >= since) {
                Throwable cause = status.getThrowable();
                problems.add(status.getMessage() + (cause == null ? "" : ": " + cause));
            }
        }
        return problems;
    }
}
