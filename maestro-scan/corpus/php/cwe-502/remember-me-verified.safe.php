<?php
const APP_KEY = 'change-me-in-env';

$cookie = $_COOKIE['remember'] ?? '';
[$data, $mac] = array_pad(explode('.', $cookie, 2), 2, '');
$user = hash_equals(hash_hmac('sha256', $data, getenv('APP_KEY') ?: APP_KEY), $mac)
    ? json_decode(base64_decode($data), true)
    : [];
echo 'Hello ' . htmlspecialchars($user['name'] ?? 'guest');
