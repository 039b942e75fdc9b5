package com.example.cart;

import java.net.URI;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.view.RedirectView;

@Controller
public class AddToCartController {
    private static final Set<String> OWN_HOSTS = Set.of("shop.example.com", "www.example.com");

    @PostMapping("/cart/add")
    public RedirectView add(@RequestHeader(value = "Referer", defaultValue = "/cart") String referer) {
        URI back = URI.create(referer);
        return new RedirectView(back.toString());
    }
}
