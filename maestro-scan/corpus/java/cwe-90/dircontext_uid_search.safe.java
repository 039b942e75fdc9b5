package com.example.directory;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PeopleController {
    private final DirContext ctx;

    public PeopleController(DirContext ctx) {
        this.ctx = ctx;
    }

    @GetMapping("/people")
    public boolean exists(@RequestParam String uid) throws NamingException {
        SearchControls sc = new SearchControls();
        sc.setSearchScope(SearchControls.SUBTREE_SCOPE);
        NamingEnumeration<SearchResult> res = ctx.search("ou=people,dc=example,dc=com", "(uid={0})", new Object[] {uid}, sc);
        return res.hasMore();
    }
}
