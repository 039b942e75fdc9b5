package com.example.legacy;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

@RestController
public class XmlLoginController {
    private final Document accounts;

    public XmlLoginController(Document accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/legacy/login")
    public boolean login(@RequestParam String username, @RequestParam String password) throws Exception {
        XPath xp = XPathFactory.newInstance().newXPath();
        NodeList all = (NodeList) xp.evaluate("//account", accounts, XPathConstants.NODESET);
        for (int i = 0; i < all.getLength(); i++) {
            Element a = (Element) all.item(i);
            if (xp.evaluate("name", a).equals(username) && xp.evaluate("secret", a).equals(password)) {
                return true;
            }
        }
        return false;
    }
}
