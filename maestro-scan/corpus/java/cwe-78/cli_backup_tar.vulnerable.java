package com.example.backup;

import java.io.IOException;

public class BackupTool {
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: BackupTool <directory>");
            return;
        }
        String dir = args[0];
        Process p = new ProcessBuilder("sh", "-c", "tar czf /var/backups/site.tgz " + dir)
                .inheritIO()
                .start();
        System.exit(p.waitFor());
    }
}
