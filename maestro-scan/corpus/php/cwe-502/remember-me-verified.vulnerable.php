<?php
const APP_KEY = 'change-me-in-env';

$cookie = $_COOKIE['remember'] ?? '';
[$data, $mac] = array_pad(explode('.', $cookie, 2), 2, '');
$user = unserialize(base64_decode($data));
echo 'Hello ' . htmlspecialchars($user['name'] ?? 'guest');
