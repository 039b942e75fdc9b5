package com.example.roles;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class RoleController {
    private final Document users;

    public RoleController(Document users) {
        this.users = users;
    }

    @GetMapping("/roles")
    public String role(@RequestParam String user) throws XPathExpressionException {
        XPath xp = XPathFactory.newInstance().newXPath();
        return xp.evaluate("/users/user[@name='" + user + "']/role", users);
    }
}
