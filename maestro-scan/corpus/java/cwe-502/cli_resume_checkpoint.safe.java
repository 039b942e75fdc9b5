package com.example.batch;

import java.io.FileInputStream;
import org.apache.commons.io.serialization.ValidatingObjectInputStream;

public class ResumeJob {
    public static class Checkpoint implements java.io.Serializable {
        int step;
        java.util.List<String> pending;
    }

    public static void main(String[] args) throws Exception {
        try (ValidatingObjectInputStream in = new ValidatingObjectInputStream(new FileInputStream(args[0]))) {
            in.accept(Checkpoint.class, java.util.ArrayList.class, String.class);
            Checkpoint cp = (Checkpoint) in.readObject();
            System.out.printf("resuming at step %d with %d pending%n", cp.step, cp.pending.size());
        }
    }
}
