package com.example.mail;

import java.io.StringWriter;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.Velocity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class EmailPreviewController {
    @PostMapping("/mail/preview")
    public String preview(@RequestParam String body) {
        VelocityContext ctx = new VelocityContext();
        ctx.put("name", "Ada");
        ctx.put("body", body);
        StringWriter out = new StringWriter();
        Velocity.evaluate(ctx, out, "preview", "Hello $name,\n$body");
        return out.toString();
    }
}
