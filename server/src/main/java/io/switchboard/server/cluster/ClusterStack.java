package io.switchboard.server.cluster;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;
import org.jgroups.JChannel;
import org.jgroups.conf.ProtocolConfiguration;
import org.jgroups.conf.XmlConfigurator;
import org.jgroups.protocols.JDBC_PING2;
import org.jgroups.protocols.TCP;
import org.jgroups.util.TLSClientAuth;

/**
 * The JGroups channel of a node, from the stack XML (the shipped one for the discovery, or {@code cluster-stack})
 * with the {@code ${switchboard.cluster.*}} placeholders replaced by the options. Replaced in the text, not
 * through system properties, so that several nodes in one JVM (tests) each get their own.
 */
final class ClusterStack {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{switchboard\\.cluster\\.([a-z_]+)(?::[^}]*)?}");

    private ClusterStack() {}

    /**
     * The node's channel, not yet connected.
     *
     * @param dataSource the store's connections, handed to a JDBC_PING2 in the stack that has no connection settings
     * @throws IllegalArgumentException naming the stack file when it cannot be read or used
     */
    static JChannel channel(ClusterSettings settings, Optional<DataSource> dataSource) {
        return channel(settings, dataSource, Optional.empty());
    }

    /**
     * As above; with {@code tls}, the TCP transport speaks mutual TLS with that context, unless the stack's own
     * {@code tls.*} attributes turned TLS on already (an operator's keystores win).
     */
    static JChannel channel(ClusterSettings settings, Optional<DataSource> dataSource, Optional<SSLContext> tls) {
        String where = settings.stack()
                .map(p -> "cluster-stack " + p)
                .orElse(settings.discovery().shippedStack());
        String xml = substitute(read(settings, where), values(settings), where);
        List<ProtocolConfiguration> configs;
        try {
            configs = XmlConfigurator.getInstance(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getProtocolStack();
        } catch (Exception e) {
            throw new IllegalArgumentException(where + " is not a usable JGroups stack: " + e.getMessage(), e);
        }
        boolean needsStore = configs.stream()
                .anyMatch(c -> c.getProtocolName().endsWith("JDBC_PING2")
                        && !c.getProperties().containsKey("connection_url")
                        && !c.getProperties().containsKey("datasource_jndi_name"));
        if (needsStore && dataSource.isEmpty()) {
            throw new IllegalArgumentException(
                    where + " uses JDBC_PING2, which needs the PostgreSQL store (store-url)");
        }
        try {
            return new ClusterChannel(configs, protocol -> {
                if (protocol instanceof JDBC_PING2 ping
                        && ping.getConnectionUrl() == null
                        && ping.getDatasourceJndiName() == null) {
                    ping.setDataSource(dataSource.orElseThrow());
                    // The store's migration made the table: no CREATE TABLE attempt (and no warning) per start.
                    ping.setInitializeSql(null);
                }
                if (protocol instanceof TCP tcp && tls.isPresent() && !tcp.tls().enabled()) {
                    tcp.tls().enabled(true).setSSLContext(tls.get()).setClientAuth(TLSClientAuth.NEED);
                }
            });
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    where + " is not a usable JGroups stack on " + settings.host() + ":" + settings.port() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The placeholder values of a node's options. */
    static Map<String, String> values(ClusterSettings s) {
        long fd = s.failureDetectionMs();
        long verify = Math.max(fd / 4, 100);
        long timeout = fd - verify;
        long interval = Math.max(timeout / 4, 50);
        return Map.of(
                "host",
                s.host(),
                "port",
                String.valueOf(s.port()),
                "peers",
                s.peers().stream().map(Peer::jgroupsForm).collect(Collectors.joining(",")),
                "fd_timeout",
                timeout + "ms",
                "fd_interval",
                interval + "ms",
                "verify_timeout",
                verify + "ms");
    }

    static String substitute(String xml, Map<String, String> values, String where) {
        Matcher m = PLACEHOLDER.matcher(xml);
        StringBuilder out = new StringBuilder(xml.length());
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException(where + ": unknown placeholder ${switchboard.cluster." + m.group(1)
                        + "}; known: " + values.keySet().stream().sorted().toList());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(xmlEscape(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String xmlEscape(String value) {
        return value.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    private static String read(ClusterSettings settings, String where) {
        try {
            if (settings.stack().isPresent()) {
                return Files.readString(settings.stack().get(), StandardCharsets.UTF_8);
            }
            try (InputStream in =
                    ClusterStack.class.getResourceAsStream(settings.discovery().shippedStack())) {
                if (in == null) {
                    throw new IllegalStateException("the shipped " + where + " is missing from the server's jar");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + where + ": " + e.getMessage(), e);
        }
    }
}
