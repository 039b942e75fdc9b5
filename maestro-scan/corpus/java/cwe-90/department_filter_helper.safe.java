package com.example.orgchart;

import java.util.List;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TeamController {
    public record TeamQuery(String department) {}

    private final LdapTemplate ldap;

    public TeamController(LdapTemplate ldap) {
        this.ldap = ldap;
    }

    private static String teamFilter(String department) {
        return "(&(objectClass=inetOrgPerson)(departmentNumber=" + LdapEncoder.filterEncode(department) + "))";
    }

    @PostMapping("/team")
    public List<Object> team(@RequestBody TeamQuery q) {
        return ldap.search("ou=people", teamFilter(q.department()), (attrs) -> attrs.get("cn").get());
    }
}
