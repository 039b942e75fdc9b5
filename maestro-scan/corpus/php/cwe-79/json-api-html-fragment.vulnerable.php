<?php
$body = json_decode(file_get_contents('php://input'), true);
$title = $body['title'] ?? '';
$items = array_map(fn ($i) => "<li>{$i}</li>", $body['items'] ?? []);
header('Content-Type: text/html; charset=utf-8');
echo "<h3>{$title}</h3><ul>" . implode('', $items) . '</ul>';
