package com.example.cart;

import java.util.HashMap;
import java.util.List;
import ognl.Ognl;
import ognl.OgnlException;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class LastItemController {
    public record Cart(List<String> items) {}

    @GetMapping("/cart/recent")
    public Object recent(@CookieValue("recentIndex") String recentIndex) throws OgnlException {
        Cart cart = new Cart(List.of("book", "lamp", "mug"));
        String expr = "items[" + recentIndex + "]";
        return Ognl.getValue(expr, new HashMap<>(), cart);
    }
}
