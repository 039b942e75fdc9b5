package com.example.fonts;

import java.io.IOException;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class FontCacheController {
    @PostMapping("/fonts/refresh")
    public String refresh(@CookieValue("fontDir") String fontDir) throws IOException {
        CommandLine cmd = new CommandLine("fc-cache");
        cmd.addArgument("-f");
        cmd.addArgument(fontDir, false);
        int exit = new DefaultExecutor().execute(cmd);
        return "fc-cache exited with " + exit;
    }
}
