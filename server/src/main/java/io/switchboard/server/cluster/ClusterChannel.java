package io.switchboard.server.cluster;

import java.util.List;
import org.jgroups.JChannel;
import org.jgroups.conf.ProtocolConfiguration;
import org.jgroups.stack.ProtocolHook;
import org.jgroups.stack.ProtocolStack;

/**
 * A JChannel built from parsed stack configurations the way JGroups builds one from XML (attributes, then each
 * protocol's init, then its components such as TCP's {@code tls.*}), with a hook that runs on each protocol before
 * its init: JDBC_PING2 needs the store's DataSource then, and JChannel's public constructors offer no hook.
 */
final class ClusterChannel extends JChannel {

    ClusterChannel(List<ProtocolConfiguration> configs, ProtocolHook beforeInit) throws Exception {
        super(false);
        configs.forEach(ProtocolConfiguration::substituteVariables);
        prot_stack = new ProtocolStack(this);
        prot_stack.setup(configs, beforeInit);
    }
}
