package com.example.groups;

import java.util.Set;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GroupCheckController {
    private static final Set<String> GROUPS = Set.of("admins", "editors", "auditors");
    private final DirContext ctx;

    public GroupCheckController(DirContext ctx) {
        this.ctx = ctx;
    }

    @GetMapping("/groups/check")
    public boolean check(@RequestHeader("X-Group") String group) throws NamingException {
        if (!GROUPS.contains(group)) {
            return false;
        }
        String filter = "(&(objectClass=groupOfNames)(cn=" + group + "))";
        return ctx.search("ou=groups,dc=example,dc=com", filter, new SearchControls()).hasMore();
    }
}
