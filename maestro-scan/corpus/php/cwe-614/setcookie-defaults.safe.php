<?php
session_start();
$token = bin2hex(random_bytes(32));
store_remember_token($_SESSION['user_id'], hash('sha256', $token));
setcookie('remember_me', $token, time() + 60 * 60 * 24 * 30, '/', '', true, true);
header('Location: /dashboard');
