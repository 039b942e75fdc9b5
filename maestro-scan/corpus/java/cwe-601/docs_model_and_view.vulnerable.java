package com.example.docs;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

@Controller
public class DocsRedirectController {
    private static final boolean ALLOW_EXTERNAL_DOCS = true;

    @GetMapping("/docs/go")
    public ModelAndView go(@RequestParam String url) {
        if (ALLOW_EXTERNAL_DOCS) {
            return new ModelAndView("redirect:" + url);
        }
        return new ModelAndView("redirect:/docs");
    }
}
