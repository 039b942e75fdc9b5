package com.example.alerts;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AlertPreviewController {
    public record Alert(String title, String message) {}

    private String render(Alert a) {
        StringBuilder sb = new StringBuilder("<div class=\"alert\"><strong>");
        sb.append(a.title()).append("</strong> ");
        sb.append(a.message()).append("</div>");
        return sb.toString();
    }

    @PostMapping(value = "/alerts/preview", produces = MediaType.TEXT_HTML_VALUE)
    public String preview(@RequestBody Alert alert) {
        return render(alert);
    }
}
