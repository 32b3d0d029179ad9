package io.switchboard.arquillian.inbound;

import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * Activated with {@code maxConcurrency=8}: answers each {@code mark} with a value derived from its payload and
 * counts how often each payload arrived, so a test can see every call delivered once, with its own answer.
 */
@MessageDriven(
        activationConfig = {
            @ActivationConfigProperty(propertyName = "alias", propertyValue = BurstBean.ALIAS),
            @ActivationConfigProperty(propertyName = "maxConcurrency", propertyValue = "" + BurstBean.MAX_CONCURRENCY),
        })
@ResourceAdapter("switchboard.rar")
public class BurstBean implements CallMethods {

    public static final String ALIAS = "it-burst";
    public static final int MAX_CONCURRENCY = 8;

    private static final Map<Long, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    /** What {@code mark} answers for {@code n}: the test checks each call got its own. */
    public static long answerFor(long n) {
        return n * 7 + 3;
    }

    @CallMethod("mark")
    public long mark(long n) {
        SEEN.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
        return answerFor(n);
    }

    /** How many distinct payloads {@code mark} saw. */
    @CallMethod(value = "distinct", idempotent = true)
    public int distinct() {
        return SEEN.size();
    }

    /** How many payloads {@code mark} saw more than once. */
    @CallMethod(value = "repeated", idempotent = true)
    public long repeated() {
        return SEEN.values().stream().filter(count -> count.get() > 1).count();
    }
}
