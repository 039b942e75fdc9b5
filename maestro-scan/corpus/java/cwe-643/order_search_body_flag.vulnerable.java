package com.example.orders;

import java.util.Map;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class OrderXmlController {
    private static final boolean FREE_TEXT_SEARCH = true;
    private final Document orders;

    public OrderXmlController(Document orders) {
        this.orders = orders;
    }

    @PostMapping("/orders/xml-search")
    public String search(@RequestBody Map<String, String> body) throws Exception {
        XPath xp = XPathFactory.newInstance().newXPath();
        if (FREE_TEXT_SEARCH) {
            StringBuilder q = new StringBuilder("count(//order[contains(customer, '");
            q.append(body.get("customer")).append("')])");
            return xp.evaluate(q.toString(), orders);
        }
        return xp.evaluate("count(//order)", orders);
    }
}
