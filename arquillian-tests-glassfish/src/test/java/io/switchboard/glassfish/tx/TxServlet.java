package io.switchboard.glassfish.tx;

import io.switchboard.jca.api.Ticket;
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
 * Drives {@link SubmitterBean} for the tests, answering plain text. Every request names the connector resource
 * ({@code pool=xa|local}) and the session ({@code alias}, {@code method}), and runs one bean method, so one
 * transaction:
 * <ul>
 *   <li>{@code POST /tx/submit?outcome=commit&payload=a&payload=b...}: the bean commits; the servlet then waits for
 *       every ticket's result (calls of a committed XA branch run after the commit returns) and answers
 *       {@code committed: <results, comma-separated>}</li>
 *   <li>{@code POST /tx/submit?outcome=rollback&payload=...}: the bean throws; {@code rolled-back: <why>}</li>
 *   <li>{@code POST /tx/marker?payload=m}: one call with no transaction; {@code sent}</li>
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
        String pool = required(request, "pool");
        String alias = required(request, "alias");
        String method = required(request, "method");
        String answer;
        switch (String.valueOf(request.getPathInfo())) {
            case "/submit" -> {
                List<String> payloads = List.of(request.getParameterValues("payload"));
                answer = switch (required(request, "outcome")) {
                    case "commit" -> committed(submitter.submitAll(pool, alias, method, payloads));
                    case "rollback" -> rolledBack(() -> submitter.submitAllThenFail(pool, alias, method, payloads));
                    default -> throw new IllegalArgumentException("outcome must be commit or rollback");
                };
            }
            case "/marker" -> {
                submitter.submitOutside(pool, alias, method, required(request, "payload"));
                answer = "sent";
            }
            default -> {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "no " + request.getPathInfo());
                return;
            }
        }
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().print(answer);
    }

    /** The bean has returned, so the container committed: each ticket's result, waited for with a deadline. */
    private static String committed(List<Ticket> tickets) {
        StringBuilder results = new StringBuilder("committed:");
        for (Ticket ticket : tickets) {
            String result;
            try {
                result = ticket.result(String.class).get(RESULT_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                result = "failed " + e;
            }
            results.append(results.length() == "committed:".length() ? " " : ",")
                    .append(result);
        }
        return results.toString();
    }

    private static String rolledBack(Runnable transaction) {
        try {
            transaction.run();
            return "committed (the bean did not throw?)";
        } catch (EJBException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "rolled-back: " + cause;
        }
    }

    private static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null) {
            throw new IllegalArgumentException("parameter " + name + " is missing");
        }
        return value;
    }
}
