package com.example.staff;

import java.util.List;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class StaffController {
    private final LdapTemplate ldap;

    public StaffController(LdapTemplate ldap) {
        this.ldap = ldap;
    }

    @GetMapping("/staff")
    public List<String> byName(@RequestParam String name) {
        AttributesMapper<String> mail = attrs -> (String) attrs.get("mail").get();
        return ldap.search("ou=staff", "(cn=" + name + ")", mail);
    }
}
