package com.example.archive;

import java.io.IOException;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ArchiveController {
    public record ArchiveRequest(String folder) {}

    private List<String> zipCommand(String folder) {
        return List.of("sh", "-c", "zip -r /tmp/export.zip /srv/share/" + folder);
    }

    @PostMapping("/archive")
    public String archive(@RequestBody ArchiveRequest req) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(zipCommand(req.folder())).start();
        return p.waitFor() == 0 ? "ok" : "failed";
    }
}
