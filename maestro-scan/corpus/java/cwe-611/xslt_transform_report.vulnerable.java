package com.example.render;

import java.io.StringWriter;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportRenderController {
    @PostMapping(value = "/reports/render", consumes = "application/xml", produces = "text/plain")
    public String render(@RequestBody byte[] reportXml) throws Exception {
        TransformerFactory tf = TransformerFactory.newInstance();
        Transformer t = tf.newTransformer(new StreamSource(getClass().getResourceAsStream("/report.xsl")));
        StringWriter out = new StringWriter();
        t.transform(new StreamSource(new java.io.ByteArrayInputStream(reportXml)), new StreamResult(out));
        return out.toString();
    }
}
