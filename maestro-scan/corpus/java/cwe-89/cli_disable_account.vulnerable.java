package com.example.tools;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

public class DisableAccount {
    public static void main(String[] args) throws SQLException {
        if (args.length != 1) {
            System.err.println("usage: DisableAccount <email>");
            System.exit(2);
        }
        String email = args[0];
        try (Connection conn = DriverManager.getConnection(System.getenv("DB_URL"));
             Statement stmt = conn.createStatement()) {
            int n = stmt.executeUpdate("UPDATE accounts SET active = 0 WHERE email = '" + email + "'");
            System.out.println("disabled " + n + " account(s)");
        }
    }
}
