package com.example.pipelines;

import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

@RestController
public class PipelineController {
    @PostMapping("/pipelines")
    public String create(@RequestParam("definition") MultipartFile definition) throws Exception {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, Object> pipeline = yaml.load(definition.getInputStream());
        return "created pipeline " + pipeline.get("name");
    }
}
