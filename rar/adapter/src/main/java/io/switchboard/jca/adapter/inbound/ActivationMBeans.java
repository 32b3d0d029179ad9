package io.switchboard.jca.adapter.inbound;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers one {@link ActivationMXBean} per activation in the platform MBean server, as
 * {@code io.switchboard:type=Activation,name=<alias>}: names made of letters, digits, {@code . _ -} only (anything
 * else becomes {@code _}, at most 100 characters), a second activation of the same alias gets {@code alias#2},
 * and at most {@link #LIMIT} are registered (more are left out with a warning). Monitoring never fails a
 * deployment: a registration that fails is logged and skipped.
 */
final class ActivationMBeans {

    static final String DOMAIN = "io.switchboard";
    static final int LIMIT = 1000;
    private static final int MAX_NAME = 100;

    private static final Logger LOG = Logger.getLogger(ActivationMBeans.class.getName());

    private final MBeanServer server;
    private final Map<ActivationMXBean, ObjectName> registered = new ConcurrentHashMap<>();

    ActivationMBeans() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    ActivationMBeans(MBeanServer server) {
        this.server = server;
    }

    /** The ObjectName under which {@code bean} was registered; null if it was not. */
    synchronized ObjectName register(ActivationMXBean bean) {
        if (registered.size() >= LIMIT) {
            LOG.warning(() -> "not registering the JMX MBean of '" + bean.getAlias() + "': " + LIMIT
                    + " activations are registered already");
            return null;
        }
        String base = sanitise(bean.getAlias());
        for (int n = 1; n <= LIMIT + 1; n++) {
            try {
                ObjectName name = objectName(n == 1 ? base : base + "#" + n);
                if (server.isRegistered(name)) {
                    continue;
                }
                server.registerMBean(bean, name);
                registered.put(bean, name);
                return name;
            } catch (javax.management.InstanceAlreadyExistsException raced) {
                // registered meanwhile by someone else: try the next suffix
            } catch (JMException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot register the JMX MBean of activation '" + bean.getAlias() + "'", e);
                return null;
            }
        }
        return null;
    }

    void unregister(ActivationMXBean bean) {
        ObjectName name = registered.remove(bean);
        if (name == null) {
            return;
        }
        try {
            server.unregisterMBean(name);
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot unregister " + name, e);
        }
    }

    static ObjectName objectName(String name) throws JMException {
        return new ObjectName(DOMAIN + ":type=Activation,name=" + name);
    }

    static String sanitise(String alias) {
        if (alias == null || alias.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(Math.min(alias.length(), MAX_NAME));
        for (int i = 0; i < alias.length() && out.length() < MAX_NAME; i++) {
            char c = alias.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            out.append(plain ? c : '_');
        }
        return out.toString();
    }
}
