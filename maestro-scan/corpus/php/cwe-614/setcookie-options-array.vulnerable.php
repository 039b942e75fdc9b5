<?php
$jwt = issue_jwt($_SESSION['user_id']);
setcookie('access_token', $jwt, [
    'expires' => time() + 900,
    'path' => '/',
    'samesite' => 'Lax',
]);
http_response_code(204);
