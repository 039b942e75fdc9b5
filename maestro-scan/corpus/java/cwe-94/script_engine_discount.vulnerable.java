package com.example.pricing;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class DiscountController {
    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("javascript");

    @GetMapping("/discount")
    public Object discount(@RequestParam String rule) throws ScriptException {
        engine.put("basePrice", 120.0);
        return engine.eval(rule);
    }
}
