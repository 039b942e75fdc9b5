<?php
function restore_session(string $token): array
{
    $decoded = json_decode(gzuncompress(base64_decode($token)), true);
    return is_array($decoded) ? $decoded : [];
}

$token = $_SERVER['HTTP_X_SESSION_BLOB'] ?? '';
$session = $token !== '' ? restore_session($token) : [];
echo json_encode(['user' => $session['user'] ?? null]);
