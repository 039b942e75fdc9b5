package com.example.catalog;

import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

@RestController
public class CatalogImportController {
    @PostMapping("/catalog/import")
    public int importCatalog(@RequestParam("catalog") MultipartFile catalog) throws Exception {
        int[] count = {0};
        SAXParserFactory spf = SAXParserFactory.newInstance();
        SAXParser parser = spf.newSAXParser();
        parser.parse(catalog.getInputStream(), new DefaultHandler() {
            @Override
            public void startElement(String uri, String local, String qName, Attributes atts) {
                if ("item".equals(qName)) {
                    count[0]++;
                }
            }
        });
        return count[0];
    }
}
