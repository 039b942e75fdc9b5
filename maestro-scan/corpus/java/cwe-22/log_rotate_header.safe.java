package com.example.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class LogCleanupController {
    private static final String LOG_DIR = "/var/log/app";

    @DeleteMapping("/logs")
    public String delete(@RequestHeader("X-Log-File") String logFile) throws IOException {
        if (!logFile.matches("[a-z0-9-]+\\.log")) {
            return "rejected";
        }
        Files.deleteIfExists(Path.of(LOG_DIR, logFile));
        return "deleted";
    }
}
