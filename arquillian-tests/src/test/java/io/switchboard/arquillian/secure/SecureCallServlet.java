package io.switchboard.arquillian.secure;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /call?alias=&method=&payload=}: what {@link SecureCallerBean} answered, as plain text. */
@WebServlet("/call")
public class SecureCallServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    SecureCallerBean caller;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String answer = caller.call(
                request.getParameter("alias"), request.getParameter("method"), request.getParameter("payload"));
        response.setContentType("text/plain");
        response.getWriter().print(answer);
    }
}
