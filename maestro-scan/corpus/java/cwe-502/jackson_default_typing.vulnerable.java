package com.example.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class EventIngestController {
    private final ObjectMapper mapper = new ObjectMapper();

    public EventIngestController() {
        mapper.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);
    }

    @PostMapping("/events")
    public String ingest(@RequestBody String json) throws Exception {
        Object event = mapper.readValue(json, Object.class);
        return event.getClass().getSimpleName();
    }
}
