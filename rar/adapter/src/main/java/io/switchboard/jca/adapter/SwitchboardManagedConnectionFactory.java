package io.switchboard.jca.adapter;

import org.jboss.jca.core.spi.statistics.Statistics;
import org.jboss.jca.core.spi.statistics.StatisticsPlugin;

/**
 * The connection definition {@code ra.xml} names: the portable {@link PortableManagedConnectionFactory} plus
 * IronJacamar's {@link Statistics}. WildFly asks the managed connection factory itself ({@code instanceof
 * Statistics}) and shows the answer as {@code connection-definitions=X/statistics=extended}; it also requires the
 * connection definition's {@code class-name} to equal the class in {@code ra.xml}, so this class, and not a
 * subclass named elsewhere, is the one that implements the interface.
 *
 * <p>Loading this class needs IronJacamar's statistics SPI: WildFly's own module, which wins over the copy the
 * archive carries ({@code switchboard-ironjacamar-spi}) for containers without IronJacamar (JakartaEeOnlyRarIT).
 * Nothing else in the adapter refers to IronJacamar (ArchitectureTest checks).
 */
public class SwitchboardManagedConnectionFactory extends PortableManagedConnectionFactory implements Statistics {

    private static final long serialVersionUID = 1L;

    private transient volatile OutboundStatisticsPlugin plugin;

    @Override
    public StatisticsPlugin getStatistics() {
        OutboundStatisticsPlugin current = plugin;
        if (current == null) {
            synchronized (this) {
                current = plugin;
                if (current == null) {
                    current = new OutboundStatisticsPlugin(statistics());
                    plugin = current;
                }
            }
        }
        return current;
    }
}
