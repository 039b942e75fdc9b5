package com.example.reviews;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

@RestController
public class ReviewPreviewController {
    @PostMapping("/reviews/preview")
    public ResponseEntity<String> preview(@RequestParam String review, @RequestParam int stars) {
        // review text is escaped before it is placed in the markup
        String body = String.format("<article><span>%d stars</span><p>%s</p></article>", stars,
                HtmlUtils.htmlEscape(review));
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(body);
    }
}
