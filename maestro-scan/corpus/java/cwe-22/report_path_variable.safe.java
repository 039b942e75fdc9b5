package com.example.reports;

import java.nio.file.Path;
import java.util.Set;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportFileController {
    private static final Set<String> REPORTS = Set.of("daily.csv", "weekly.csv", "monthly.csv");

    @GetMapping("/reports/{name}")
    public ResponseEntity<Resource> report(@PathVariable String name) {
        if (!REPORTS.contains(name)) {
            return ResponseEntity.notFound().build();
        }
        Path path = Path.of("/data/reports", name);
        return ResponseEntity.ok(new FileSystemResource(path));
    }
}
