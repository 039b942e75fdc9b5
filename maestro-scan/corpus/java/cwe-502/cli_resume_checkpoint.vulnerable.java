package com.example.batch;

import java.io.FileInputStream;
import java.io.ObjectInputStream;

public class ResumeJob {
    public static class Checkpoint implements java.io.Serializable {
        int step;
        java.util.List<String> pending;
    }

    public static void main(String[] args) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new FileInputStream(args[0]))) {
            Checkpoint cp = (Checkpoint) in.readObject();
            System.out.printf("resuming at step %d with %d pending%n", cp.step, cp.pending.size());
        }
    }
}
