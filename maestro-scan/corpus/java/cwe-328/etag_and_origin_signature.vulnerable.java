package com.example.cdn;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.springframework.http.ResponseEntity;

public class AssetResponder {
    private final byte[] originKey;

    public AssetResponder(byte[] originKey) {
        this.originKey = originKey;
    }

    public ResponseEntity<byte[]> respond(byte[] body) throws Exception {
        String etag = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body));
        MessageDigest sig = MessageDigest.getInstance("SHA-1");
        sig.update(originKey);
        String signature = HexFormat.of().formatHex(sig.digest(body));
        return ResponseEntity.ok().eTag(etag).header("X-Origin-Signature", signature).body(body);
    }
}
