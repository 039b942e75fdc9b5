package com.example.members;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class MemberLookupController {
    public record LookupRequest(String email) {}

    private final EntityManager em;

    public MemberLookupController(EntityManager em) {
        this.em = em;
    }

    @PostMapping("/members/lookup")
    public List<?> lookup(@RequestBody LookupRequest req) {
        return em.createNativeQuery("SELECT id, name FROM members WHERE email = '" + req.email() + "'")
                .getResultList();
    }
}
