package com.example.netdiag;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PingController {
    @GetMapping("/diag/ping")
    public String ping(@RequestParam String host) throws IOException, InterruptedException {
        Process p = Runtime.getRuntime().exec(new String[] {"sh", "-c", "ping -c 2 " + host});
        try (InputStream out = p.getInputStream()) {
            String text = new String(out.readAllBytes());
            p.waitFor();
            return text;
        }
    }
}
