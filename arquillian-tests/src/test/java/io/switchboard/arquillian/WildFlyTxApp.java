package io.switchboard.arquillian;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.arquillian.support.TxApp;
import io.switchboard.arquillian.tx.SubmitterBean;
import java.util.stream.Stream;

/**
 * WildFly's {@code tx-app.war} over HTTP: the shared {@link TxApp} through the {@code Default} definition, plus the
 * order endpoints of {@code tx.PlacedOrderServlet} (only this suite's war has a database).
 */
final class WildFlyTxApp extends TxApp {

    WildFlyTxApp() {
        super(Management.httpPort(), SubmitterBean.POOL);
    }

    /** The order's row and a call with its id in one transaction, committed or rolled back. */
    String placeOrder(String id, boolean commit) {
        return post("order", Stream.of("id=" + enc(id), "outcome=" + (commit ? "commit" : "rollback")));
    }

    boolean orderExists(String id) {
        String answer = get("order", Stream.of("id=" + enc(id)));
        assertThat(answer).isIn("present", "absent");
        return answer.equals("present");
    }
}
