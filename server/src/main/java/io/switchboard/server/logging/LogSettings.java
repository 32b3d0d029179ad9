package io.switchboard.server.logging;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How the launcher logs: level, console or file, text or JSON lines, and optionally a copy to a syslog server.
 *
 * @param level    TRACE, DEBUG, INFO, WARN or ERROR
 * @param file     the file to append to; empty = the console
 * @param json     JSON lines instead of text
 * @param syslog   where to send a copy over UDP; empty = nowhere
 * @param facility the syslog facility, one of {@link #FACILITIES}
 */
public record LogSettings(
        String level, Optional<Path> file, boolean json, Optional<SyslogTarget> syslog, String facility) {

    /** The syslog facilities logback's SyslogAppender knows (RFC 3164 names, with AUTHPRIV, FTP, NTP, ...). */
    public static final List<String> FACILITIES = List.of(
            "KERN",
            "USER",
            "MAIL",
            "DAEMON",
            "AUTH",
            "SYSLOG",
            "LPR",
            "NEWS",
            "UUCP",
            "CRON",
            "AUTHPRIV",
            "FTP",
            "NTP",
            "AUDIT",
            "ALERT",
            "CLOCK",
            "LOCAL0",
            "LOCAL1",
            "LOCAL2",
            "LOCAL3",
            "LOCAL4",
            "LOCAL5",
            "LOCAL6",
            "LOCAL7");

    public static final int DEFAULT_SYSLOG_PORT = 514;

    public LogSettings {
        facility = facility.toUpperCase(Locale.ROOT);
        if (!FACILITIES.contains(facility)) {
            throw new IllegalArgumentException("unknown syslog facility '" + facility + "'");
        }
    }

    /** The defaults: INFO, text on the console, no syslog. */
    public static LogSettings defaults() {
        return new LogSettings("INFO", Optional.empty(), false, Optional.empty(), "USER");
    }

    /** A syslog server's address: {@code host}, {@code host:port} or {@code [v6-address]:port}. */
    public record SyslogTarget(String host, int port) {

        public SyslogTarget {
            if (host.isEmpty()) {
                throw new IllegalArgumentException("expected host or host:port");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1..65535");
            }
        }

        /** Parses {@code host[:port]}; the port defaults to {@value #DEFAULT_SYSLOG_PORT}. */
        public static SyslogTarget parse(String text) {
            String value = text.trim();
            String host = value;
            String port = null;
            if (value.startsWith("[")) {
                int end = value.indexOf(']');
                if (end < 0) {
                    throw new IllegalArgumentException("missing ']' after the IPv6 address");
                }
                host = value.substring(1, end);
                String rest = value.substring(end + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        throw new IllegalArgumentException("expected :port after ']'");
                    }
                    port = rest.substring(1);
                }
            } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
                host = value.substring(0, value.indexOf(':'));
                port = value.substring(value.indexOf(':') + 1);
            }
            // Several colons without brackets: a bare IPv6 address, default port.
            int number = DEFAULT_SYSLOG_PORT;
            if (port != null) {
                try {
                    number = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("port must be 1..65535");
                }
            }
            return new SyslogTarget(host, number);
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
