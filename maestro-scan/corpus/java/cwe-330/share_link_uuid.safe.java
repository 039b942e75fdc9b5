package com.example.docs;

import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ShareLinkController {
    @PostMapping("/documents/{id}/share")
    public String share(@PathVariable long id) {
        UUID token = UUID.randomUUID();
        return "/shared/" + id + "/" + token;
    }
}
