<?php
function check_password(string $plain, string $stored, string $salt): bool
{
    return hash_equals($stored, sha1($salt . $plain));
}

$user = find_user($_POST['email'] ?? '');
if ($user && check_password($_POST['password'] ?? '', $user['password'], $user['salt'])) {
    echo 'welcome';
}
