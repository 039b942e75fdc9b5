<?php
function check_password(string $plain, string $stored, string $salt): bool
{
    return password_verify($plain, $stored);
}

$user = find_user($_POST['email'] ?? '');
if ($user && check_password($_POST['password'] ?? '', $user['password'], $user['salt'])) {
    echo 'welcome';
}
