package io.switchboard.arquillian.inbound;

import io.switchboard.jca.api.inbound.Call;
import io.switchboard.jca.api.inbound.CallMethod;
import io.switchboard.jca.api.inbound.CallMethods;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import java.util.List;
import java.util.Map;
import org.jboss.ejb3.annotation.ResourceAdapter;

/**
 * An annotated bean with one method per way of binding: a record, a generic list plus the call, the call alone, no
 * parameter at all, and one that always throws.
 */
@MessageDriven(activationConfig = @ActivationConfigProperty(propertyName = "alias", propertyValue = OrdersBean.ALIAS))
@ResourceAdapter("switchboard.rar")
public class OrdersBean implements CallMethods {

    public static final String ALIAS = "it-orders";

    @CallMethod("price")
    public long price(Line line) {
        return line.quantity() * line.unitCents();
    }

    @CallMethod("total")
    public Total total(List<Line> lines, Call call) {
        // Summed field by field: a List<Map> (generic type lost) would fail here with a ClassCastException.
        long cents = 0;
        for (Line line : lines) {
            cents += line.quantity() * line.unitCents();
        }
        return new Total(lines.size(), cents, call.caller());
    }

    @CallMethod(value = "describe", idempotent = true)
    public Map<String, Object> describe(Call call) {
        return Map.of(
                "alias",
                call.alias(),
                "method",
                call.method(),
                "caller",
                call.caller(),
                "headers",
                call.headers(),
                "remainingMillis",
                call.remaining().toMillis(),
                "payloadBytes",
                call.payload().length);
    }

    @CallMethod("reject")
    public void reject(String reason) {
        throw new IllegalArgumentException("rejected: " + reason);
    }

    @CallMethod("nothing")
    public void nothing() {}
}
