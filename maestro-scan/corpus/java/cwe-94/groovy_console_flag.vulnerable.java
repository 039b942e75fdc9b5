package com.example.console;

import groovy.lang.GroovyShell;
import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class ScriptConsoleServlet extends HttpServlet {
    private static final boolean CONSOLE_ENABLED = true;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String script = req.getParameter("script");
        if (CONSOLE_ENABLED) {
            Object result = new GroovyShell().evaluate(script);
            resp.getWriter().println(String.valueOf(result));
            return;
        }
        resp.sendError(403, "console disabled");
    }
}
