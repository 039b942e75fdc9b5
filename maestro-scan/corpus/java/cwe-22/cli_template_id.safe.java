package com.example.mailer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

public class RenderTemplate {
    public static void main(String[] args) throws IOException {
        int template = Integer.parseInt(args[0]);
        String body = Files.readString(Path.of("templates/" + template + ".txt"));
        System.out.println(body.replace("{{name}}", System.getProperty("user.name")));
    }
}
