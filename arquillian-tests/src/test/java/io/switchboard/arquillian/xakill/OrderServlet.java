package io.switchboard.arquillian.xakill;

import jakarta.ejb.EJB;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;

/**
 * The test's door into the WildFly it kills: {@code POST /orders?order=X&crashAt=PREPARE|COMMIT} places an order
 * that never answers (the JVM stops in two-phase commit); {@code GET /orders?order=X} answers
 * {@code exists=<bool> inDoubt=<n>}: whether the order's row is committed and how many transactions H2 holds
 * prepared.
 */
@WebServlet(urlPatterns = "/orders", loadOnStartup = 1)
public class OrderServlet extends HttpServlet {

    @EJB
    OrderBean orders;

    @Override
    public void init() throws ServletException {
        try {
            orders.createTable();
        } catch (SQLException e) {
            throw new ServletException(e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            orders.place(request.getParameter("order"), CrashPoint.Phase.valueOf(request.getParameter("crashAt")));
            response.getWriter().print("placed"); // not expected: the crash point stops the JVM
        } catch (Exception e) {
            response.setStatus(500);
            response.getWriter().print(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            response.getWriter()
                    .print("exists=" + orders.exists(request.getParameter("order")) + " inDoubt=" + orders.inDoubt());
        } catch (SQLException e) {
            response.setStatus(500);
            response.getWriter().print(e);
        }
    }
}
