package com.example.tools;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

public class DisableAccount {
    public static void main(String[] args) throws SQLException {
        if (args.length != 1) {
            System.err.println("usage: DisableAccount <email>");
            System.exit(2);
        }
        String email = args[0];
        try (Connection conn = DriverManager.getConnection(System.getenv("DB_URL"));
             PreparedStatement stmt = conn.prepareStatement("UPDATE accounts SET active = 0 WHERE email = ?")) {
            stmt.setString(1, email);
            int n = stmt.executeUpdate();
            System.out.println("disabled " + n + " account(s)");
        }
    }
}
