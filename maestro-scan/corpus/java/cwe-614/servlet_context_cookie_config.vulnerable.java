package com.example.boot;

import javax.servlet.ServletContext;
import javax.servlet.SessionCookieConfig;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class CookieSetup {
    @Bean
    public ServletContextInitializer sessionCookies() {
        return (ServletContext ctx) -> {
            SessionCookieConfig cfg = ctx.getSessionCookieConfig();
            cfg.setName("JSESSIONID");
            cfg.setSecure(false);
            cfg.setHttpOnly(false);
        };
    }
}
