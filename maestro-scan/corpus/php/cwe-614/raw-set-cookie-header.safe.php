<?php
$token = bin2hex(random_bytes(24));
register_login_token($token);
header('Set-Cookie: login_token=' . $token . '; Path=/; Max-Age=3600; Secure; HttpOnly; SameSite=Strict');
echo 'ok';
