package com.example.library;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

public class BookServlet extends HttpServlet {
    private Document catalog;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String id = req.getParameter("id");
        try {
            XPathExpression expr = XPathFactory.newInstance().newXPath()
                    .compile(String.format("//book[@id='%s']/title", id));
            NodeList titles = (NodeList) expr.evaluate(catalog, XPathConstants.NODESET);
            resp.getWriter().println(titles.getLength() > 0 ? titles.item(0).getTextContent() : "none");
        } catch (Exception e) {
            resp.sendError(400);
        }
    }
}
