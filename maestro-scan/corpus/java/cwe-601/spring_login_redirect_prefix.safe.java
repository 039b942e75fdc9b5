package com.example.auth;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class PostLoginController {
    @GetMapping("/login/done")
    public String done(@RequestParam(value = "next", defaultValue = "/") String next) {
        if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
            next = "/";
        }
        return "redirect:" + next;
    }
}
