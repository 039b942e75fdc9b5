<?php
$sid = bin2hex(random_bytes(32));
save_session($sid, $_POST['user'] ?? '');
setcookie('SESSIONID', $sid, 0, '/', 'example.com', false, false);
echo 'logged in';
