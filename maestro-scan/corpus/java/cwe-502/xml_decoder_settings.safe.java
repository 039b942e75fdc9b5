package com.example.settings;

import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SettingsImportController {
    @PostMapping(value = "/settings/import", consumes = "application/xml")
    public int importSettings(@RequestBody byte[] body) {
        try {
            Map<?, ?> settings = new XmlMapper().readValue(body, Map.class);
            return settings.size();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
