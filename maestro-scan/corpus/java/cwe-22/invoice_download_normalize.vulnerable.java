package com.example.invoices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class InvoiceDownloadController {
    private static final Path BASE = Paths.get("/srv/app/invoices");

    @GetMapping("/invoices/download")
    public ResponseEntity<byte[]> download(@RequestParam String file) throws IOException {
        Path target = BASE.resolve(file);
        return ResponseEntity.ok(Files.readAllBytes(target));
    }
}
