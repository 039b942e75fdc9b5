package com.example.shipping;

import java.util.HashMap;
import java.util.Map;
import org.mvel2.MVEL;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ShippingController {
    private static final Map<String, String> RULES = Map.of(
            "standard", "weight * 1.5",
            "express", "weight * 3.0 + 5");

    @GetMapping("/shipping/quote")
    public Object quote(@RequestHeader("X-Shipping-Rule") String rule) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("weight", 2.4);
        String expression = RULES.get(rule);
        if (expression == null) {
            throw new IllegalArgumentException("unknown shipping rule");
        }
        return MVEL.eval(expression, vars);
    }
}
