package com.example.docs;

import java.util.Random;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ShareLinkController {
    private final Random random = new Random();

    @PostMapping("/documents/{id}/share")
    public String share(@PathVariable long id) {
        UUID token = new UUID(random.nextLong(), random.nextLong());
        return "/shared/" + id + "/" + token;
    }
}
