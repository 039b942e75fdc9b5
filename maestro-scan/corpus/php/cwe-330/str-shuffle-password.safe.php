<?php
function temporary_password(int $length = 12): string
{
    $alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    $out = '';
    for ($i = 0; $i < $length; $i++) {
        $out .= $alphabet[random_int(0, strlen($alphabet) - 1)];
    }
    return $out;
}

$password = temporary_password();
create_user($_POST['email'], password_hash($password, PASSWORD_DEFAULT));
echo "Temporary password: {$password}";
