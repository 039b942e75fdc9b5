package com.example.keys;

import java.util.concurrent.ThreadLocalRandom;

public final class ApiKeys {
    private ApiKeys() {}

    public static String generate(String prefix) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        return prefix + "_" + Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong());
    }
}
