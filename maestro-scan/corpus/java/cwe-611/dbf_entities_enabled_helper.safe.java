package com.example.feeds;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.xml.sax.InputSource;

@RestController
public class FeedSubmitController {
    private static DocumentBuilder feedBuilder() throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setFeature("http://xml.org/sax/features/external-general-entities", false);
        dbf.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        dbf.setExpandEntityReferences(false);
        return dbf.newDocumentBuilder();
    }

    @PostMapping("/feeds")
    public String submit(@RequestParam String feed) throws Exception {
        var doc = feedBuilder().parse(new InputSource(new java.io.StringReader(feed)));
        return doc.getDocumentElement().getAttribute("title");
    }
}
