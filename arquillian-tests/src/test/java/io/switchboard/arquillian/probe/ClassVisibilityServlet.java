package io.switchboard.arquillian.probe;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Runs inside an application that depends on switchboard.rar and answers, for {@code ?class=name}, which class
 * loader that application would load the class from, or {@code absent}.
 */
@WebServlet("/visible")
public class ClassVisibilityServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getParameter("class");
        String answer;
        try {
            answer = String.valueOf(
                    Class.forName(name, false, getClass().getClassLoader()).getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            answer = "absent";
        }
        response.setContentType("text/plain");
        response.getWriter().print(answer);
    }
}
