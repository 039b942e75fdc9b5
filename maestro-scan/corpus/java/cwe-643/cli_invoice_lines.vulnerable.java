package com.example.ledger;

import java.io.File;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

public class InvoiceLines {
    public static void main(String[] args) throws Exception {
        String invoice = args[0];
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File("ledger.xml"));
        NodeList lines = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate("/ledger/invoice[number=" + invoice + "]/line", doc, XPathConstants.NODESET);
        for (int i = 0; i < lines.getLength(); i++) {
            System.out.println(lines.item(i).getTextContent());
        }
    }
}
