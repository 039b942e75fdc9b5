package com.example.tools;

import java.io.File;
import org.dom4j.Document;
import org.dom4j.io.SAXReader;

public class ManifestInfo {
    public static void main(String[] args) throws Exception {
        SAXReader reader = new SAXReader();
        reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = reader.read(new File(args[0]));
        System.out.println("name: " + doc.getRootElement().elementText("name"));
        System.out.println("version: " + doc.getRootElement().elementText("version"));
    }
}
