package io.switchboard.arquillian.tx;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives {@link SubmitterBean} for the tests, answering plain text. Every request names the session
 * ({@code alias}, {@code method}) and runs one bean method, so one transaction:
 * <ul>
 *   <li>{@code POST /tx/submit?outcome=commit|rollback&payload=a&payload=b...}: {@code committed} or
 *       {@code rolled-back: <why>}</li>
 *   <li>{@code POST /tx/marker?payload=m}: one call with no transaction; {@code sent}</li>
 *   <li>{@code POST /tx/order?id=X&outcome=commit|rollback}: the JPA write and the submit; as submit</li>
 *   <li>{@code GET /tx/order?id=X}: {@code present} or {@code absent}</li>
 *   <li>{@code POST /tx/ticket?payload=p}: one submit in a committed transaction; lines {@code result-inside},
 *       {@code id-inside} (what the ticket did before commit), {@code result} (its future after commit) and
 *       {@code fetched} (the outcome by id from another connection)</li>
 * </ul>
 */
@WebServlet("/tx/*")
public class TxServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Far beyond what a committed call takes; a ticket that never resolves fails the request, it does not hang. */
    private static final Duration RESULT_WAIT = Duration.ofSeconds(30);

    @EJB
    SubmitterBean submitter;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String alias = required(request, "alias");
        String method = required(request, "method");
        String answer;
        switch (String.valueOf(request.getPathInfo())) {
            case "/submit" -> {
                List<String> payloads = List.of(request.getParameterValues("payload"));
                answer = rollback(request)
                        ? outcome(() -> submitter.submitAllThenFail(alias, method, payloads))
                        : outcome(() -> submitter.submitAll(alias, method, payloads));
            }
            case "/marker" -> {
                submitter.submitOutside(alias, method, required(request, "payload"));
                answer = "sent";
            }
            case "/order" -> {
                String id = required(request, "id");
                boolean fail = rollback(request);
                answer = outcome(() -> submitter.placeOrder(id, alias, method, fail));
            }
            case "/ticket" -> answer = ticket(alias, method, required(request, "payload"));
            default -> {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "no " + request.getPathInfo());
                return;
            }
        }
        respond(response, answer);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/order".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no GET " + request.getPathInfo());
            return;
        }
        respond(response, submitter.orderExists(required(request, "id")) ? "present" : "absent");
    }

    private String ticket(String alias, String method, String payload) {
        TicketProbe probe = submitter.submitAndProbe(alias, method, payload);
        // The bean has returned: the container committed its transaction.
        String result;
        try {
            result = probe.ticket().result(String.class).get(RESULT_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            result = "failed: " + e;
        }
        String fetched;
        try {
            fetched = submitter.fetch(probe.ticket().id(), RESULT_WAIT);
        } catch (RuntimeException e) {
            fetched = "failed: " + e;
        }
        return "result-inside: " + probe.resultInside() + "\nid-inside: " + probe.idInside() + "\nresult: " + result
                + "\nfetched: " + fetched;
    }

    private static String outcome(Runnable transaction) {
        try {
            transaction.run();
            return "committed";
        } catch (EJBException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "rolled-back: " + cause;
        }
    }

    private static boolean rollback(HttpServletRequest request) {
        String outcome = required(request, "outcome");
        return switch (outcome) {
            case "commit" -> false;
            case "rollback" -> true;
            default -> throw new IllegalArgumentException("outcome must be commit or rollback, not " + outcome);
        };
    }

    private static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null) {
            throw new IllegalArgumentException("parameter " + name + " is missing");
        }
        return value;
    }

    private static void respond(HttpServletResponse response, String answer) throws IOException {
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().print(answer);
    }
}
