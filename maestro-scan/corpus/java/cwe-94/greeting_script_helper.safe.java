package com.example.greet;

import javax.script.Invocable;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class GreetingServlet extends HttpServlet {
    private static final String LIB = "function greet(n) { return 'Hello, ' + n; }";

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
        try {
            ScriptEngine js = new ScriptEngineManager().getEngineByName("javascript");
            js.eval(LIB);
            Object out = ((Invocable) js).invokeFunction("greet", req.getParameter("name"));
            resp.getWriter().println(out);
        } catch (Exception e) {
            resp.setStatus(500);
        }
    }
}
