<?php
function new_session_id(): string
{
    return 'sess_' . bin2hex(random_bytes(24));
}

$sid = new_session_id();
file_put_contents("/var/lib/app/sessions/{$sid}", json_encode(['created' => time()]));
setcookie('SID', $sid, ['secure' => true, 'httponly' => true, 'samesite' => 'Lax']);
