package com.example.hr;

import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ManagerController {
    private final DirContext ctx;

    public ManagerController(DirContext ctx) {
        this.ctx = ctx;
    }

    @GetMapping("/me/manager")
    public Object manager(@CookieValue("employee") String employee) throws NamingException {
        String filter = "(employeeNumber=" + Long.parseLong(employee) + ")";
        var res = ctx.search("ou=staff,dc=acme,dc=io", filter, new SearchControls());
        return res.hasMore() ? res.next().getAttributes().get("manager").get() : null;
    }
}
