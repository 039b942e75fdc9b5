package com.example.uploads;

import java.io.File;
import java.io.IOException;
import org.apache.commons.io.FilenameUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
public class UploadController {
    private static final File DIR = new File("/srv/uploads");

    @PostMapping("/upload")
    public String upload(@RequestParam("file") MultipartFile file) throws IOException {
        String name = FilenameUtils.getName(file.getOriginalFilename());
        File dest = new File(DIR, name);
        file.transferTo(dest);
        return "stored " + dest.getName();
    }
}
