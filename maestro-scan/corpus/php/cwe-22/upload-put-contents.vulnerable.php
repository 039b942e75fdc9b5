<?php
$payload = json_decode(file_get_contents('php://input'), true);
$dir = '/var/www/data/notes';
$target = $dir . '/' . $payload['title'] . '.txt';
file_put_contents($target, $payload['content']);
echo json_encode(['saved' => basename($target)]);
