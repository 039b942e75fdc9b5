package com.example.quiz;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

public class ExamSession {
    private final Random random = new Random();

    public List<String> questionOrder(List<String> questions) {
        List<String> order = new ArrayList<>(questions);
        Collections.shuffle(order, random);
        return order;
    }

    public String accessCode() {
        return Integer.toString(100000 + new SecureRandom().nextInt(900000));
    }
}
