package com.example.stores;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StoreCountController {
    private final DataSource ds;

    public StoreCountController(DataSource ds) {
        this.ds = ds;
    }

    private String whereRegion(String region) {
        return " WHERE region = '" + region + "'";
    }

    @GetMapping("/stores/count")
    public int count(@RequestHeader("X-Region") String region) throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM stores" + whereRegion(region))) {
            ResultSet rs = ps.executeQuery();
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
