package com.example.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.Random;

public class WebhookSender {
    private final HttpClient client = HttpClient.newHttpClient();
    private final Random random = new Random();

    public void send(String url, String payload) throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                    .header("X-Delivery-Nonce", HexFormat.of().formatHex(nonce))
                    .POST(HttpRequest.BodyPublishers.ofString(payload)).build();
            if (client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() < 300) {
                return;
            }
            Thread.sleep(attempt * 1000L + random.nextInt(250));
        }
    }
}
