package com.example.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ThemeController {
    private Path themeFile(String theme) {
        String name = Path.of(theme).getFileName().toString();
        return Path.of("static", "themes", name + ".css");
    }

    @GetMapping(value = "/theme.css", produces = "text/css")
    public String css(@CookieValue(value = "theme", defaultValue = "light") String theme) throws IOException {
        return Files.readString(themeFile(theme));
    }
}
