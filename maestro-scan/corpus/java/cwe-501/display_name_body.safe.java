package com.example.prefs;

import java.util.regex.Pattern;
import javax.servlet.http.HttpSession;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DisplayNameController {
    private static final Pattern NAME = Pattern.compile("[\\p{L} .'-]{1,40}");

    public record Prefs(String displayName) {}

    @PostMapping("/prefs/display-name")
    public ResponseEntity<Void> update(@RequestBody Prefs prefs, HttpSession session) {
        if (prefs.displayName() == null || !NAME.matcher(prefs.displayName()).matches()) {
            return ResponseEntity.badRequest().build();
        }
        session.setAttribute("displayName", prefs.displayName());
        return ResponseEntity.noContent().build();
    }
}
