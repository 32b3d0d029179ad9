package io.switchboard.arquillian.tx;

import io.switchboard.arquillian.support.tx.Submitter;
import io.switchboard.arquillian.support.tx.SubmitterBase;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;

/**
 * The {@link Submitter} of WildFly's {@code tx-app.war}: one pool, {@value #POOL}, the {@code Default} connection
 * definition, whose transaction-support the test's setup task chose.
 */
@Stateless
@Local(Submitter.class)
public class SubmitterBean extends SubmitterBase {

    public static final String POOL = "default";

    @Resource(lookup = "java:/switchboard/Default")
    SwitchboardConnectionFactory switchboard;

    @Override
    protected SwitchboardConnectionFactory factory(String pool) {
        if (!POOL.equals(pool)) {
            throw new IllegalArgumentException("the pool is " + POOL + " (the Default definition), not " + pool);
        }
        return switchboard;
    }
}
