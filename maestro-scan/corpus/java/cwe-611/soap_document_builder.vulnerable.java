package com.example.soap;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

public class SoapEndpointServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            Document envelope = dbf.newDocumentBuilder().parse(req.getInputStream());
            resp.setContentType("text/xml");
            resp.getWriter().printf("<ok op=\"%s\"/>", envelope.getDocumentElement().getLocalName());
        } catch (Exception e) {
            resp.sendError(400, "malformed envelope");
        }
    }
}
