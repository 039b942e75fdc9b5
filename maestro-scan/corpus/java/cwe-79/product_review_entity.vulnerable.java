package com.example.reviews;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReviewPreviewController {
    @PostMapping("/reviews/preview")
    public ResponseEntity<String> preview(@RequestParam String review, @RequestParam int stars) {
        String body = String.format("<article><span>%d stars</span><p>%s</p></article>", stars, review);
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(body);
    }
}
