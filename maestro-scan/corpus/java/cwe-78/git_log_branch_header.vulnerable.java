package com.example.repo;

import java.io.File;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class RepoLogController {
    @GetMapping("/repo/log")
    public String log(@RequestHeader("X-Branch") String branch) throws IOException {
        ProcessBuilder pb = new ProcessBuilder();
        pb.directory(new File("/srv/git/site.git"));
        pb.command("/bin/bash", "-c", String.format("git log --oneline -n 20 %s", branch));
        Process p = pb.start();
        return new String(p.getInputStream().readAllBytes());
    }
}
