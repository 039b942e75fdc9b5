package com.example.keys;

import java.security.SecureRandom;

public final class ApiKeys {
    private ApiKeys() {}

    public static String generate(String prefix) {
        SecureRandom rnd = new SecureRandom();
        return prefix + "_" + Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong());
    }
}
