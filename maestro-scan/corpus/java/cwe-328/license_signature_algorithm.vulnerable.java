package com.example.licensing;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

public class LicenseSigner {
    private final PrivateKey key;

    public LicenseSigner(PrivateKey key) {
        this.key = key;
    }

    public String sign(String customer, String plan) throws Exception {
        String payload = customer + "|" + plan;
        Signature sig = Signature.getInstance("SHA1withRSA");
        sig.initSign(key);
        sig.update(payload.getBytes(StandardCharsets.UTF_8));
        return payload + "." + Base64.getUrlEncoder().encodeToString(sig.sign());
    }
}
