package com.example.audit;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AuditController {
    private static final boolean LEGACY_QUERY = false;
    private final JdbcTemplate jdbc;

    public AuditController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/audit/mine")
    public List<String> mine(@CookieValue("workspace") String workspace) {
        if (LEGACY_QUERY) {
            StringBuilder sb = new StringBuilder("SELECT action FROM audit_log WHERE workspace = '");
            sb.append(workspace).append("' ORDER BY at DESC");
            return jdbc.queryForList(sb.toString(), String.class);
        }
        return jdbc.queryForList("SELECT action FROM audit_log WHERE workspace = ? ORDER BY at DESC",
                String.class, workspace);
    }
}
