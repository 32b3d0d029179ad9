package io.switchboard.jca.adapter;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.jboss.jca.core.spi.statistics.StatisticsPlugin;

/**
 * {@link OutboundStatistics} as IronJacamar's {@link StatisticsPlugin}: the attributes of WildFly's
 * {@code statistics=extended} of the connection definition. Every figure is a {@code long}; times are in
 * milliseconds. The names are fixed (WildFly reads them once, when it registers the resource).
 */
final class OutboundStatisticsPlugin implements StatisticsPlugin {

    private static final long serialVersionUID = 1L;

    private record Figure(String description, ToLongFunction<OutboundStatistics> value) {}

    private static final Map<String, Figure> FIGURES = figures();

    private final transient OutboundStatistics statistics;

    OutboundStatisticsPlugin(OutboundStatistics statistics) {
        this.statistics = statistics;
    }

    private static Map<String, Figure> figures() {
        Map<String, Figure> f = new LinkedHashMap<>();
        f.put(
                "CallCount",
                new Figure(
                        "Requests made on this definition's connections (call, callAll, list, ping, send...)",
                        OutboundStatistics::calls));
        f.put(
                "CallFailedCount",
                new Figure("Requests that failed, whatever the result code", OutboundStatistics::failures));
        for (String code : OutboundStatistics.FAILURE_CODES) {
            f.put(
                    attributeName(code),
                    new Figure("Requests that failed with result code " + code, s -> s.failures(code)));
        }
        f.put(
                "CallAverageTime",
                new Figure("Average time of a request, in milliseconds", OutboundStatistics::callAverageMillis));
        f.put("CallMaxTime", new Figure("Longest request, in milliseconds", OutboundStatistics::callMaxMillis));
        f.put(
                "CallTotalTime",
                new Figure("Time of all requests together, in milliseconds", OutboundStatistics::callTotalMillis));
        f.put(
                "ValidationCount",
                new Figure(
                        "Validations of pooled connections (validate-on-match, background validation)",
                        OutboundStatistics::validations));
        f.put(
                "ValidationFailedCount",
                new Figure("Validations that found the connection dead", OutboundStatistics::validationsFailed));
        f.put(
                "ValidationAverageTime",
                new Figure(
                        "Average time of a validation, in milliseconds", OutboundStatistics::validationAverageMillis));
        f.put(
                "ValidationMaxTime",
                new Figure("Longest validation, in milliseconds", OutboundStatistics::validationMaxMillis));
        f.put(
                "ValidationTotalTime",
                new Figure(
                        "Time of all validations together, in milliseconds",
                        OutboundStatistics::validationTotalMillis));
        f.put(
                "ConnectionErrorCount",
                new Figure(
                        "Connection errors reported to the pool (connection lost, server shutting down)",
                        OutboundStatistics::connectionErrors));
        f.put(
                "BytesSent",
                new Figure(
                        "Bytes the connections wrote to the server (on the wire: after TLS and compression)",
                        OutboundStatistics::bytesSent));
        f.put(
                "BytesReceived",
                new Figure(
                        "Bytes the connections read from the server (on the wire: after TLS and compression)",
                        OutboundStatistics::bytesReceived));
        return java.util.Collections.unmodifiableMap(f);
    }

    /** {@code no-such-session} becomes {@code CallFailedNoSuchSessionCount}. */
    static String attributeName(String code) {
        StringBuilder name = new StringBuilder("CallFailed");
        for (String part : code.split("-")) {
            name.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
        }
        return name.append("Count").toString();
    }

    @Override
    public Set<String> getNames() {
        return FIGURES.keySet();
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class getType(String name) {
        return FIGURES.containsKey(name) ? long.class : null;
    }

    @Override
    public String getDescription(String name) {
        Figure figure = FIGURES.get(name);
        return figure == null ? null : figure.description();
    }

    @Override
    public String getDescription(String name, Locale locale) {
        return getDescription(name);
    }

    @Override
    public Object getValue(String name) {
        Figure figure = FIGURES.get(name);
        return figure == null || statistics == null ? null : figure.value().applyAsLong(statistics);
    }

    @Override
    public boolean isEnabled() {
        return statistics != null && statistics.isEnabled();
    }

    @Override
    public void setEnabled(boolean enabled) {
        if (statistics != null) {
            statistics.setEnabled(enabled);
        }
    }

    @Override
    public void clear() {
        if (statistics != null) {
            statistics.clear();
        }
    }
}
