<?php
function hash_user_password(string $password): string
{
    $salt = '$1$' . substr(bin2hex(random_bytes(6)), 0, 8) . '$';
    return crypt($password, $salt);
}

save_password_hash($_POST['user_id'], hash_user_password($_POST['new_password'] ?? ''));
