package com.example.validation;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

public class InvoiceValidationServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            Validator validator = sf.newSchema(getClass().getResource("/invoice.xsd")).newValidator();
            validator.validate(new StreamSource(req.getInputStream()));
            resp.getWriter().println("valid");
        } catch (Exception e) {
            resp.sendError(422, "invalid invoice");
        }
    }
}
