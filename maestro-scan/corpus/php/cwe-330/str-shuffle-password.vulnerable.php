<?php
function temporary_password(int $length = 12): string
{
    $alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    return substr(str_shuffle(str_repeat($alphabet, 3)), 0, $length);
}

$password = temporary_password();
create_user($_POST['email'], password_hash($password, PASSWORD_DEFAULT));
echo "Temporary password: {$password}";
