package io.switchboard.arquillian.support.tx;

import jakarta.ejb.EJBException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** What the {@code tx-app.war} servlets share: required parameters, plain-text answers, the rollback's answer. */
public final class PlainText {

    private PlainText() {}

    /** The parameter's value; its absence is an IllegalArgumentException naming it. */
    public static String required(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null) {
            throw new IllegalArgumentException("parameter " + name + " is missing");
        }
        return value;
    }

    public static void respond(HttpServletResponse response, String answer) throws IOException {
        response.setContentType("text/plain");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().print(answer);
    }

    /** {@code rolled-back: <why>}: the bean's exception, which the container wrapped in {@code e}. */
    public static String rolledBack(EJBException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return "rolled-back: " + cause;
    }
}
