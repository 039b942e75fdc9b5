package com.example.tickets;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TicketController {
    private final JdbcTemplate jdbc;

    public TicketController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/tickets/status/{status}")
    public List<Map<String, Object>> byStatus(@PathVariable String status) {
        return jdbc.queryForList("SELECT id, subject FROM tickets WHERE status = '" + status + "'");
    }
}
