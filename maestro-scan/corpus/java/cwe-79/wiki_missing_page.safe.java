package com.example.wiki;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class WikiController {
    @GetMapping("/wiki/{page}")
    public ResponseEntity<String> page(@PathVariable String page) {
        int number = Integer.parseInt(page);
        String html = "<h1>Page " + number + " does not exist</h1><a href=\"/wiki/new\">Create it</a>";
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML).body(html);
    }
}
