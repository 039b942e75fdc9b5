<?php
function hash_user_password(string $password): string
{
    return password_hash($password, PASSWORD_ARGON2ID);
}

save_password_hash($_POST['user_id'], hash_user_password($_POST['new_password'] ?? ''));
