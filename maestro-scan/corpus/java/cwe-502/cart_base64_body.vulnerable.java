package com.example.cart;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
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
        Cart cart = (Cart) new ObjectInputStream(new ByteArrayInputStream(raw)).readObject();
        return cart.items.size();
    }
}
