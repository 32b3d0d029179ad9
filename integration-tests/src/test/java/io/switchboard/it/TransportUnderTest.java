package io.switchboard.it;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the suite, with the reason, where it was asked to run on a transport this machine lacks: the suite's second
 * run puts every server on io_uring (pom.xml), and a kernel or container that refuses io_uring would otherwise fail
 * every test at the server's start. Loaded for that run only, by JUnit's extension auto-detection.
 */
public final class TransportUnderTest implements ExecutionCondition {

    /** The server's {@code Transport.TRANSPORT_PROPERTY}; child JVMs get it too ({@link ChildJvm}). */
    static final String PROPERTY = "switchboard.transport";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String wanted = System.getProperty(PROPERTY, "auto");
        if (wanted.equals("io_uring") && !IoUring.isAvailable()) {
            return ConditionEvaluationResult.disabled("io_uring unavailable here: " + IoUring.unavailabilityCause());
        }
        if (wanted.equals("epoll") && !Epoll.isAvailable()) {
            return ConditionEvaluationResult.disabled("epoll unavailable here: " + Epoll.unavailabilityCause());
        }
        return ConditionEvaluationResult.enabled("the servers run on transport " + wanted);
    }
}
