package com.example.orders;

import java.io.StringReader;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class OrderXmlController {
    @PostMapping(value = "/orders", consumes = "application/xml")
    public String create(@RequestBody String xml) throws Exception {
        XMLInputFactory xif = XMLInputFactory.newInstance();
        XMLStreamReader reader = xif.createXMLStreamReader(new StringReader(xml));
        StringBuilder skus = new StringBuilder();
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT && "sku".equals(reader.getLocalName())) {
                skus.append(reader.getElementText()).append(' ');
            }
        }
        return skus.toString().trim();
    }
}
