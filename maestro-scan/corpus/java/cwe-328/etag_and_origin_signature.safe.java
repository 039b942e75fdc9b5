package com.example.cdn;

import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.ResponseEntity;

public class AssetResponder {
    private final byte[] originKey;

    public AssetResponder(byte[] originKey) {
        this.originKey = originKey;
    }

    public ResponseEntity<byte[]> respond(byte[] body) throws Exception {
        String etag = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        Mac sig = Mac.getInstance("HmacSHA256");
        sig.init(new SecretKeySpec(originKey, "HmacSHA256"));
        String signature = HexFormat.of().formatHex(sig.doFinal(body));
        return ResponseEntity.ok().eTag(etag).header("X-Origin-Signature", signature).body(body);
    }
}
