package io.switchboard.server.metrics;

import io.switchboard.protocol.Names;
import io.switchboard.server.routing.CallMeter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-alias call figures, bounded: the first {@code maxAliases} aliases called get their own, every later one
 * (and any invalid name) is counted under {@value #OTHER}. An alias's recorder is created once, at its first call;
 * after that a call costs one map lookup.
 */
final class CallMeters implements CallMeter {

    /** The label of the calls beyond the alias cap. */
    static final String OTHER = "other";

    private final int maxAliases;
    private final Map<String, AliasCalls> aliases = new ConcurrentHashMap<>();
    private final AliasCalls other = new AliasCalls();

    CallMeters(int maxAliases) {
        this.maxAliases = maxAliases;
    }

    @Override
    public Recorder recorder(String alias) {
        AliasCalls known = aliases.get(alias);
        return known != null ? known : admit(alias);
    }

    private AliasCalls admit(String alias) {
        if (aliases.size() >= maxAliases || alias == null || Names.problem(alias, "alias") != null) {
            return other;
        }
        synchronized (this) {
            AliasCalls calls = aliases.get(alias);
            if (calls == null) {
                if (aliases.size() >= maxAliases) {
                    return other;
                }
                calls = new AliasCalls();
                aliases.put(alias, calls);
            }
            return calls;
        }
    }

    /** Every alias with its calls, by name; {@value #OTHER} last when it has any. */
    Map<String, AliasCalls> all() {
        Map<String, AliasCalls> all = new TreeMap<>(aliases);
        if (!other.byCode().isEmpty()) {
            all.put(OTHER, other);
        }
        return all;
    }
}
