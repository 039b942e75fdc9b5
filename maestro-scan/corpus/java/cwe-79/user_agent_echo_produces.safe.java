package com.example.diag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class BrowserInfoController {
    @GetMapping(value = "/browser", produces = "text/plain")
    public String browser(@RequestHeader("User-Agent") String userAgent) {
        return "<div class=\"banner\">You are using: " + userAgent + "</div>";
    }
}
