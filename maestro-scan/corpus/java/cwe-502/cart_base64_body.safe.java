package com.example.cart;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CartRestoreController {
    public static class Cart implements java.io.Serializable {
        public java.util.List<String> items;
    }

    private final ObjectMapper mapper = new ObjectMapper();

    @PostMapping("/cart/restore")
    public int restore(@RequestBody String encoded) throws Exception {
        byte[] raw = Base64.getDecoder().decode(encoded);
        // carts arrive as JSON; new ObjectInputStream(...).readObject() is not used for client data
        Cart cart = mapper.readValue(raw, Cart.class);
        return cart.items.size();
    }
}
