package com.example.feeds;

import java.util.Map;
import javax.xml.xpath.XPathFactory;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class FeedController {
    private static final Map<String, String> CATEGORIES = Map.of("news", "news", "sport", "sport", "tech", "tech");
    private final Document feed;

    public FeedController(Document feed) {
        this.feed = feed;
    }

    private static String firstTitle(String category) {
        return "string(//item[category='" + category + "'][1]/title)";
    }

    @GetMapping("/feed/top")
    public String top(@CookieValue(value = "category", defaultValue = "news") String category) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(firstTitle(category), feed);
    }
}
