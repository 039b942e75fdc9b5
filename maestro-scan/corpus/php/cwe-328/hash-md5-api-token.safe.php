<?php
$plain = bin2hex(random_bytes(32));
$digest = hash('sha256', $plain);
store_api_token($_SESSION['user_id'], $digest);
echo json_encode(['token' => $plain]);
