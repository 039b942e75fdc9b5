package com.example.settings;

import java.beans.XMLDecoder;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SettingsImportController {
    @PostMapping(value = "/settings/import", consumes = "application/xml")
    public int importSettings(@RequestBody byte[] body) {
        try (XMLDecoder decoder = new XMLDecoder(new ByteArrayInputStream(body))) {
            Map<?, ?> settings = (Map<?, ?>) decoder.readObject();
            return settings.size();
        }
    }
}
