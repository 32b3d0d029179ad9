package io.switchboard.arquillian.tx;

import static io.switchboard.arquillian.support.tx.PlainText.required;
import static io.switchboard.arquillian.support.tx.PlainText.respond;

import io.switchboard.arquillian.support.tx.PlainText;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Drives {@link PlacedOrdersBean} for the tests, answering plain text; its exact path wins over the shared
 * {@code TxServlet}'s {@code /tx/*}:
 * <ul>
 *   <li>{@code POST /tx/order?id=X&outcome=commit|rollback&alias=...&method=...}: the JPA write and the submit;
 *       {@code committed} or {@code rolled-back: <why>}</li>
 *   <li>{@code GET /tx/order?id=X}: {@code present} or {@code absent}</li>
 * </ul>
 */
@WebServlet("/tx/order")
public class PlacedOrderServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    PlacedOrdersBean orders;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        respond(response, place(request));
    }

    private String place(HttpServletRequest request) {
        boolean fail = rollback(required(request, "outcome"));
        try {
            orders.placeOrder(required(request, "id"), required(request, "alias"), required(request, "method"), fail);
            return "committed";
        } catch (EJBException e) {
            return PlainText.rolledBack(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        respond(response, orders.orderExists(required(request, "id")) ? "present" : "absent");
    }

    private static boolean rollback(String outcome) {
        return switch (outcome) {
            case "commit" -> false;
            case "rollback" -> true;
            default -> throw new IllegalArgumentException("outcome must be commit or rollback, not " + outcome);
        };
    }
}
