package io.switchboard.glassfish.tx;

import io.switchboard.arquillian.support.tx.Submitter;
import io.switchboard.arquillian.support.tx.SubmitterBase;
import io.switchboard.jca.api.SwitchboardConnectionFactory;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;

/**
 * The {@link Submitter} of GlassFish's {@code tx-app.war}, through one of the two transactional connector resources
 * the test domain has: pool {@value #XA}, {@code eis/switchboard-xa} (pool created {@code --transactionsupport
 * XATransaction}), or {@value #LOCAL}, {@code eis/switchboard-local} ({@code LocalTransaction}).
 */
@Stateless
@Local(Submitter.class)
public class SubmitterBean extends SubmitterBase {

    public static final String XA = "xa";
    public static final String LOCAL = "local";

    @Resource(lookup = "eis/switchboard-xa")
    SwitchboardConnectionFactory xa;

    @Resource(lookup = "eis/switchboard-local")
    SwitchboardConnectionFactory local;

    @Override
    protected SwitchboardConnectionFactory factory(String pool) {
        return switch (pool) {
            case XA -> xa;
            case LOCAL -> local;
            default -> throw new IllegalArgumentException("pool must be " + XA + " or " + LOCAL + ", not " + pool);
        };
    }
}
