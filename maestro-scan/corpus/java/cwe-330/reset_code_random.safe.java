package com.example.recovery;

import java.time.Instant;
import java.security.SecureRandom;

public class ResetCodeService {
    private final SecureRandom random = new SecureRandom();
    private final ResetCodeRepository repo;

    public ResetCodeService(ResetCodeRepository repo) {
        this.repo = repo;
    }

    public String issue(String email) {
        String code = String.format("%06d", random.nextInt(1_000_000));
        repo.save(email, code, Instant.now().plusSeconds(900));
        return code;
    }

    public interface ResetCodeRepository {
        void save(String email, String code, Instant expires);
    }
}
