package com.example.settings;

import javax.xml.xpath.XPathFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;

@RestController
public class SettingController {
    private final Document settings;

    public SettingController(Document settings) {
        this.settings = settings;
    }

    @GetMapping("/settings/value")
    public ResponseEntity<String> value(@RequestHeader("X-Setting") String key) throws Exception {
        String query = "/settings/entry[@key='" + key + "']/value";
        return ResponseEntity.ok(XPathFactory.newInstance().newXPath().evaluate(query, settings));
    }
}
